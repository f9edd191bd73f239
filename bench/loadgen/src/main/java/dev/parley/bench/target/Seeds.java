package dev.parley.bench.target;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Config;
import dev.parley.bench.net.Http;
import dev.parley.bench.proc.Ports;
import dev.parley.bench.proc.Postgres;
import dev.parley.bench.proc.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parley accounts registered once and copied into every Parley target's fresh store. Sign-up
 * hashes with Argon2id (tens of milliseconds each), so registering thousands of users per
 * scenario would cost minutes; a copy costs a file copy (SQLite) or {@code CREATE DATABASE …
 * TEMPLATE} (PostgreSQL), and each copied user gets an access token by spending its refresh token,
 * which every copy holds unspent. SQLite seeds are kept in {@code bench/.work/seeds} for later runs
 * while the SQLite migrations stay the same (for a day); PostgreSQL seeds are dropped when the run ends.
 */
public final class Seeds implements AutoCloseable {

    /** A seeded account. */
    public record User(long id, String username, String refreshToken) {}

    /** A seeded store: a data directory to copy or a template database, and its users. */
    public record Seed(Path dataDir, String template, List<User> users) {}

    private static final Duration KEEP = Duration.ofDays(1);

    private final Config config;
    private Seed sqlite, postgres;
    private Postgres postgresSeed;

    public Seeds(Config config) {
        this.config = config;
    }

    public synchronized Seed sqlite() {
        if (sqlite == null) sqlite = loadOrMakeSqlite(config.size(2000, 120));
        return sqlite;
    }

    public synchronized Seed postgres() {
        if (postgres == null) {
            postgresSeed = Postgres.createFresh("seed");
            Path scratch = config.freshDir("seed-pg");
            List<User> users = register(Map.of("DATABASE_URL", postgresSeed.jdbcUrl()), scratch, config.size(500, 60));
            Config.delete(scratch);
            postgres = new Seed(null, postgresSeed.name(), users);
        }
        return postgres;
    }

    /**
     * What a seeded database depends on: the SQLite migrations. A new build with the same schema
     * reuses the users (and Flyway would migrate an older seed forward anyway).
     */
    private String schemaDigest() throws IOException {
        Path migrations = config.repo().resolve("src/main/resources/db/migration/sqlite");
        var digest = newSha256();
        try (var files = Files.walk(migrations)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(migrations.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f));
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static java.security.MessageDigest newSha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Seed loadOrMakeSqlite(int count) {
        try {
            String key = schemaDigest() + "-" + count;
            Path dir = config.work().resolve("seeds").resolve("sqlite-" + key);
            Path users = dir.resolve("users.json");
            if (Files.exists(users) && Files.getLastModifiedTime(users).toInstant().isAfter(Instant.now().minus(KEEP))) {
                System.out.println("  (reusing " + count + " seeded Parley users from " + dir + ")");
                return new Seed(dir.resolve("data"), null, Http.JSON.readValue(users.toFile(), new TypeReference<List<User>>() {}));
            }
            Files.createDirectories(dir);
            List<User> list = register(Map.of(), dir.resolve("data"), count);
            Http.JSON.writeValue(users.toFile(), list);
            Files.setLastModifiedTime(users, FileTime.from(Instant.now()));
            return new Seed(dir.resolve("data"), null, list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts Parley on the store (not pinned: this is setup), registers the users, stops it cleanly. */
    private List<User> register(Map<String, String> env, Path dataDir, int count) {
        long t0 = System.nanoTime();
        int port = Ports.free();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", Integer.toString(port));
        all.put("DATA_DIR", dataDir.toString());
        all.put("JWT_SECRET", "seed-secret-seed-secret-seed-secret-0123456789");
        // Thousands of sign-ups from one address: far past what one address may do in production.
        all.putAll(ParleyTarget.UNLIMITED);
        all.put("REGISTRATION", "open");
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(config.javaOpts());
        cmd.addAll(List.of("-jar", config.parleyJar().toString()));
        ServerProcess server = ServerProcess.start("parley-seed", cmd, all, config.repo(), config.log("parley-seed"), port, null);
        try (server) {
            server.awaitHealthy(Duration.ofSeconds(90));
            Http http = new Http(server.url());
            List<User> users = Parallel.map(count, 4, u -> {
                String username = ParleyTarget.username(u);
                JsonNode t = http.post("/api/auth/register", null, Map.of("username", username, "password", ParleyTarget.PASSWORD));
                return new User(t.path("user").path("id").asLong(), username, t.path("refreshToken").asText());
            });
            System.out.printf("  seeded %d Parley users in %.0f s%n", count, (System.nanoTime() - t0) / 1e9);
            return users;
        }
    }

    /** Copies a seeded data directory into a fresh one. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (postgresSeed != null) postgresSeed.close();
        postgresSeed = null;
        postgres = null;
    }
}
