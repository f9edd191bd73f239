package dev.parley.bench.proc;

import java.util.List;

/** A fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres), dropped on close. */
public final class Postgres implements AutoCloseable {

    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    public static Postgres createFresh(String label) {
        return create(label, null);
    }

    /** A fresh database copied from a template database (which nobody may be connected to). */
    public static Postgres create(String label, String template) {
        String name = "parley_bench_" + label + "_" + Long.toString(System.nanoTime(), 36);
        psql("DROP DATABASE IF EXISTS " + name);
        psql("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        return new Postgres(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    private static void psql(String sql) {
        Commands.run(List.of("psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-q", "-c", sql));
    }
}
