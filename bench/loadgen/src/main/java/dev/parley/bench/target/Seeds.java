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
            // A run stopped half-way leaves a partial store behind: start it over.
            Config.delete(dir.resolve("data"));
            Files.createDirectories(dir);
            List<User> list = register(Map.of(), dir.resolve("data"), count);
            Http.JSON.writeValue(users.toFile(), list);
            Files.setLastModifiedTime(users, FileTime.from(Instant.now()));
            return new Seed(dir.resolve("data"), null, list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Parley on the store (not pinned: this is setup), registers the first user through the
     * API, stops it cleanly, then clones that account in SQL for the rest: each clone gets the same
     * password hash (the salt is inside it, so the password checks) and a session with a fresh
     * refresh token, stored as Parley stores them (SHA-256, hex). On a busy two-core machine an
     * Argon2id sign-up takes seconds; thousands of them took longer than the benchmarks.
     */
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
        User first;
        try (ServerProcess server = ServerProcess.start("parley-seed", cmd, all, config.repo(), config.log("parley-seed"), port, null)) {
            server.awaitHealthy(Duration.ofSeconds(90));
            JsonNode t = new Http(server.url()).post("/api/auth/register", null,
                    Map.of("username", ParleyTarget.username(0), "password", ParleyTarget.PASSWORD));
            first = new User(t.path("user").path("id").asLong(), ParleyTarget.username(0), t.path("refreshToken").asText());
        }
        List<User> users = new ArrayList<>(List.of(first));
        var random = new java.security.SecureRandom();
        long now = System.currentTimeMillis();
        long expires = now + Duration.ofDays(30).toMillis();
        var sql = new StringBuilder("BEGIN;\n");
        List<String> tokens = new ArrayList<>();
        for (int u = 1; u < count; u++) {
            String name = ParleyTarget.username(u);
            String session = token(random, 16);
            String refresh = token(random, 32);
            tokens.add(refresh);
            sql.append("INSERT INTO users (username, username_key, password_hash, is_admin, created_at) SELECT '").append(name)
                    .append("', '").append(name).append("', password_hash, FALSE, ").append(now).append(" FROM users WHERE id = ")
                    .append(first.id()).append(";\n")
                    .append("INSERT INTO sessions (id, user_id, created_at) SELECT '").append(session).append("', id, ").append(now)
                    .append(" FROM users WHERE username_key = '").append(name).append("';\n")
                    .append("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ('").append(sha256(refresh))
                    .append("', '").append(session).append("', ").append(expires).append(");\n");
        }
        sql.append("COMMIT;\nSELECT id FROM users WHERE id <> ").append(first.id()).append(" ORDER BY id;\n");
        String ids = runSql(env.get("DATABASE_URL"), dataDir, sql.toString());
        List<String> lines = ids.lines().map(String::trim).filter(l -> l.matches("\\d+")).toList();
        if (lines.size() != count - 1) throw new IllegalStateException("seeding cloned " + lines.size() + " of " + (count - 1) + " users: " + ids);
        for (int u = 1; u < count; u++) users.add(new User(Long.parseLong(lines.get(u - 1)), ParleyTarget.username(u), tokens.get(u - 1)));
        System.out.printf("  seeded %d Parley users in %.0f s%n", count, (System.nanoTime() - t0) / 1e9);
        return users;
    }

    /** Runs a script on the seed's database: PostgreSQL when a URL is given, else SQLite in {@code dataDir}. */
    private String runSql(String postgresUrl, Path dataDir, String script) {
        try {
            Path file = Files.createTempFile(config.work(), "seed", ".sql");
            try {
                Files.writeString(file, script);
                if (postgresUrl == null) {
                    return dev.parley.bench.proc.Commands.run(List.of("sqlite3", dataDir.resolve("parley.db").toString(), ".read " + file));
                }
                String db = postgresUrl.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
                return dev.parley.bench.proc.Commands.run(List.of("psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", db,
                        "-v", "ON_ERROR_STOP=1", "-q", "-At", "-f", file.toString()));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(java.security.SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String token) {
        return java.util.HexFormat.of().formatHex(newSha256().digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
