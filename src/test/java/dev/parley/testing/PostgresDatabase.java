package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway database on the machine's PostgreSQL (trust auth, user postgres), created through
 * the {@code test} database and dropped, connections and all, on close.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER =
            System.getenv().getOrDefault("PARLEY_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");

    public final String name =
            "parley_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    public static PostgresDatabase create() {
        try {
            return new PostgresDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + SERVER + ": " + e.getMessage(), e);
        }
    }

    /** The DATABASE_URL Parley is given. */
    public String url() {
        return SERVER + name + "?user=" + USER;
    }

    /** Runs {@code sql} as the superuser from the {@code test} database, e.g. to break this one's connections. */
    public void execute(String sql) throws SQLException {
        admin(sql);
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
