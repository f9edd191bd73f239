package dev.parley;

import dev.parley.chat.Limits;
import dev.parley.chat.Rate;
import dev.parley.chat.Registration;
import dev.parley.util.Redaction;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
        boolean dev,
        Limits limits,
        List<String> trustedProxies,
        Optional<Registration> registration,
        Operations operations,
        long maxUploadBytes) {

    /**
     * How the instance is operated: {@code metricsToken}, a secret a scraper may present for
     * {@code /metrics} (empty: admins only); {@code jsonLogs}, one JSON object per log line.
     */
    public record Operations(Optional<String> metricsToken, boolean jsonLogs) {
        public static final Operations DEFAULT = new Operations(Optional.empty(), false);
    }

    /** The size limit per uploaded file unless {@code MAX_UPLOAD_BYTES} says otherwise: 25 MB. */
    public static final long DEFAULT_MAX_UPLOAD = 25L * 1024 * 1024;

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

    /**
     * The server with every default, on a free port, storing in {@code dataDir}: what tests start.
     * Sign-up is open, so tests can sign up several people; tests of sign-up itself set their mode.
     */
    public static Config forTests(Path dataDir) {
        return new Config(
                0,
                dataDir,
                sqliteIn(dataDir),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Limits.generous(),
                List.of(),
                Optional.of(Registration.OPEN),
                Operations.DEFAULT,
                DEFAULT_MAX_UPLOAD);
    }

    public Config withOperations(Operations changed) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                limits,
                trustedProxies,
                registration,
                changed,
                maxUploadBytes);
    }

    public Config withDatabaseUrl(String url) {
        return new Config(
                port,
                dataDir,
                url,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                limits,
                trustedProxies,
                registration,
                operations,
                maxUploadBytes);
    }

    /** Joins a cluster: Redis between instances, with the signing key every instance shares. */
    public Config withRedis(String url, String sharedSecret) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                Optional.of(url),
                publicUrl,
                Optional.of(sharedSecret),
                admin,
                dev,
                limits,
                trustedProxies,
                registration,
                operations,
                maxUploadBytes);
    }

    public Config withPublicUrl(URI url) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                Optional.of(url),
                jwtSecret,
                admin,
                dev,
                limits,
                trustedProxies,
                registration,
                operations,
                maxUploadBytes);
    }

    public Config withLimits(Limits changed) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                changed,
                trustedProxies,
                registration,
                operations,
                maxUploadBytes);
    }

    public Config withTrustedProxies(List<String> proxies) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                limits,
                List.copyOf(proxies),
                registration,
                operations,
                maxUploadBytes);
    }

    /** {@code REGISTRATION} as given, or unset (empty: the first person signs up, then invite only). */
    public Config withRegistration(Optional<Registration> mode) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                limits,
                trustedProxies,
                mode,
                operations,
                maxUploadBytes);
    }

    public Config withMaxUploadBytes(long max) {
        return new Config(
                port,
                dataDir,
                databaseUrl,
                redisUrl,
                publicUrl,
                jwtSecret,
                admin,
                dev,
                limits,
                trustedProxies,
                registration,
                operations,
                max);
    }

    private static Setting flag(String arg) {
        for (Setting s : Setting.values()) {
            if (s.flag.equals(arg)) return s;
        }
        throw new InvalidConfig("unknown flag " + arg + " (see --help)");
    }

    private static Config from(Map<Setting, String> v) {
        int port = port(v.getOrDefault(Setting.PORT, "8080"));
        Path dataDir = Path.of(v.getOrDefault(Setting.DATA_DIR, "./data"))
                .toAbsolutePath()
                .normalize();
        String db = v.getOrDefault(Setting.DATABASE_URL, sqliteIn(dataDir));
        if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfig(
                    "DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, got " + Redaction.url(db));
        }
        Optional<URI> publicUrl = Optional.ofNullable(v.get(Setting.PUBLIC_URL)).map(Config::publicUrl);
        Optional<String> secret = Optional.ofNullable(v.get(Setting.JWT_SECRET));
        if (secret.isPresent() && secret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new InvalidConfig("JWT_SECRET must be at least 32 bytes");
        }
        Optional<String> redis = Optional.ofNullable(v.get(Setting.REDIS_URL));
        if (redis.isPresent()) checkClusterable(redis.get(), db, secret);
        Optional<Registration> registration = Optional.ofNullable(v.get(Setting.REGISTRATION))
                .map(value -> Registration.parse(value)
                        .orElseThrow(
                                () -> new InvalidConfig("REGISTRATION must be open, invite or closed, got " + value)));
        return new Config(
                port,
                dataDir,
                db,
                redis,
                publicUrl,
                secret,
                Optional.ofNullable(v.get(Setting.ADMIN)),
                Boolean.parseBoolean(v.get(Setting.DEV)),
                limits(v),
                Optional.ofNullable(v.get(Setting.TRUSTED_PROXIES))
                        .map(Config::addresses)
                        .orElse(List.of()),
                registration,
                operations(v),
                bytes(v, Setting.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD));
    }

    private static Operations operations(Map<Setting, String> v) {
        Optional<String> token = Optional.ofNullable(v.get(Setting.METRICS_TOKEN));
        if (token.isPresent() && token.get().length() < 16) {
            throw new InvalidConfig("METRICS_TOKEN must be at least 16 characters");
        }
        String format = v.getOrDefault(Setting.LOG_FORMAT, "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new InvalidConfig("LOG_FORMAT must be text or json, got " + format);
        }
        return new Operations(token, format.equals("json"));
    }

    private static Limits limits(Map<Setting, String> v) {
        Limits d = Limits.defaults();
        return new Limits(
                rate(v, Setting.MESSAGE_RATE, d.messages()),
                rate(v, Setting.TYPING_RATE, d.typing()),
                rate(v, Setting.JOIN_RATE, d.joins()),
                rate(v, Setting.ROOM_CREATE_RATE, d.roomCreation()),
                count(v, Setting.MAX_ROOMS_PER_PERSON, d.roomsPerPerson()),
                rate(v, Setting.API_RATE, d.apiCalls()),
                count(v, Setting.MAX_SOCKETS_PER_PERSON, d.socketsPerPerson()),
                rate(v, Setting.SOCKET_OPEN_RATE, d.socketOpenings()),
                rate(v, Setting.LOGIN_RATE_PER_ADDRESS, d.loginsPerAddress()),
                rate(v, Setting.SIGNUP_RATE_PER_ADDRESS, d.registrationsPerAddress()),
                count(v, Setting.HASH_CONCURRENCY, d.hashConcurrency()));
    }

    private static Rate rate(Map<Setting, String> v, Setting s, Rate fallback) {
        String text = v.get(s);
        if (text == null) return fallback;
        try {
            return Rate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig(s.name() + ": " + e.getMessage());
        }
    }

    private static int count(Map<Setting, String> v, Setting s, int fallback) {
        String text = v.get(s);
        if (text == null) return fallback;
        if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < 1) {
            throw new InvalidConfig(s.name() + " must be a whole number of at least 1, got " + text);
        }
        return Integer.parseInt(text);
    }

    /** A size in bytes, or with a unit: 25MB, 512KB, 1GB (powers of 1024). */
    private static long bytes(Map<Setting, String> v, Setting s, long fallback) {
        String text = v.get(s);
        if (text == null) return fallback;
        var m = java.util.regex.Pattern.compile(
                        "(\\d{1,12})\\s*(B|KB|MB|GB)?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new InvalidConfig(s.name() + " must be a size such as 25MB, 512KB or 1000000, got " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
        long scale = switch (unit) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n > Long.MAX_VALUE / scale) throw new InvalidConfig(s.name() + " is too large: " + text);
        return n * scale;
    }

    /** Proxy addresses as written, each checked to be an IP address: a host name would need a lookup per request. */
    private static List<String> addresses(String text) {
        List<String> out = Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .toList();
        for (String a : out) {
            if (!a.matches("[0-9a-fA-F:.]+"))
                throw new InvalidConfig("TRUSTED_PROXIES must list IP addresses, got " + a);
        }
        return out;
    }

    /** Several instances share one database and one signing key; a setup that cannot is refused before it starts. */
    private static void checkClusterable(String redisUrl, String databaseUrl, Optional<String> secret) {
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new InvalidConfig("REDIS_URL must look like redis://host:port, got " + Redaction.url(redisUrl));
        }
        if (databaseUrl.startsWith("jdbc:sqlite:")) {
            throw new InvalidConfig(
                    "REDIS_URL is set, so several instances may run: they need a shared PostgreSQL DATABASE_URL, not SQLite");
        }
        if (secret.isEmpty()) {
            throw new InvalidConfig(
                    "REDIS_URL is set, so several instances may run: give them all the same JWT_SECRET");
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
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null)
                return uri;
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidConfig("PUBLIC_URL must look like https://chat.example.org, got " + value);
    }

    static String sqliteIn(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("parley.db");
    }
}
