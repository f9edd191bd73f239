package dev.parley;
import dev.parley.util.Redaction;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The settings of one running instance, read from the environment and overridden by flags. */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        Optional<String> redisUrl,
        Optional<URI> publicUrl,
        Optional<String> jwtSecret,
        Optional<String> admin,
        boolean dev) {

    /** Thrown for a flag or value Parley cannot use; its message is meant for the person starting it. */
    public static final class InvalidConfig extends RuntimeException {
        InvalidConfig(String message) {
            super(message);
        }
    }

    public static Config parse(String[] args, Map<String, String> env) {
        var values = new EnumMap<Setting, String>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = env.get(s.name());
            if (v != null && !v.isBlank()) values.put(s, v.trim());
        }
        for (int i = 0; i < args.length; i++) {
            Setting s = flag(args[i]);
            if (s == Setting.DEV) {
                values.put(s, "true");
            } else if (i + 1 >= args.length) {
                throw new InvalidConfig(args[i] + " needs a value");
            } else {
                values.put(s, args[++i]);
            }
        }
        return from(values);
    }

    /** The server with every default, on a free port, storing in {@code dataDir}: what tests start. */
    public static Config forTests(Path dataDir) {
        return new Config(0, dataDir, sqliteIn(dataDir), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    public Config withDatabaseUrl(String url) {
        return new Config(port, dataDir, url, redisUrl, publicUrl, jwtSecret, admin, dev);
    }

    /** Joins a cluster: Redis between instances, with the signing key every instance shares. */
    public Config withRedis(String url, String sharedSecret) {
        return new Config(port, dataDir, databaseUrl, Optional.of(url), publicUrl, Optional.of(sharedSecret), admin, dev);
    }

    public Config withPublicUrl(URI url) {
        return new Config(port, dataDir, databaseUrl, redisUrl, Optional.of(url), jwtSecret, admin, dev);
    }

    private static Setting flag(String arg) {
        for (Setting s : Setting.values()) {
            if (s.flag.equals(arg)) return s;
        }
        throw new InvalidConfig("unknown flag " + arg + " (see --help)");
    }

    private static Config from(Map<Setting, String> v) {
        int port = port(v.getOrDefault(Setting.PORT, "8080"));
        Path dataDir = Path.of(v.getOrDefault(Setting.DATA_DIR, "./data")).toAbsolutePath().normalize();
        String db = v.getOrDefault(Setting.DATABASE_URL, sqliteIn(dataDir));
        if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfig("DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, got " + Redaction.url(db));
        }
        Optional<URI> publicUrl = Optional.ofNullable(v.get(Setting.PUBLIC_URL)).map(Config::publicUrl);
        Optional<String> secret = Optional.ofNullable(v.get(Setting.JWT_SECRET));
        if (secret.isPresent() && secret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new InvalidConfig("JWT_SECRET must be at least 32 bytes");
        }
        Optional<String> redis = Optional.ofNullable(v.get(Setting.REDIS_URL));
        if (redis.isPresent()) checkClusterable(redis.get(), db, secret);
        return new Config(port, dataDir, db, redis, publicUrl,
                secret, Optional.ofNullable(v.get(Setting.ADMIN)), Boolean.parseBoolean(v.get(Setting.DEV)));
    }

    /** Several instances share one database and one signing key; a setup that cannot is refused before it starts. */
    private static void checkClusterable(String redisUrl, String databaseUrl, Optional<String> secret) {
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new InvalidConfig("REDIS_URL must look like redis://host:port, got " + Redaction.url(redisUrl));
        }
        if (databaseUrl.startsWith("jdbc:sqlite:")) {
            throw new InvalidConfig("REDIS_URL is set, so several instances may run: they need a shared PostgreSQL DATABASE_URL, not SQLite");
        }
        if (secret.isEmpty()) {
            throw new InvalidConfig("REDIS_URL is set, so several instances may run: give them all the same JWT_SECRET");
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidConfig("PORT must be a number from 0 to 65535, got " + value);
    }

    private static URI publicUrl(String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidConfig("PUBLIC_URL must look like https://chat.example.org, got " + value);
    }

    static String sqliteIn(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("parley.db");
    }
}
