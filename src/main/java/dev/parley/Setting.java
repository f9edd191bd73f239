package dev.parley;

/** Every setting Parley reads: an environment variable, the flag that overrides it, and its help line. */
enum Setting {
    PORT("--port", "8080", "HTTP and WebSocket port (0 picks a free one)"),
    DATA_DIR("--data-dir", "./data", "where the SQLite database and the generated JWT key live"),
    DATABASE_URL("--database-url", "SQLite in DATA_DIR", "JDBC URL: jdbc:sqlite:/path/parley.db or jdbc:postgresql://host/db?user=..."),
    REDIS_URL("--redis-url", "unset", "redis://host:port to run several instances together; unset: one instance"),
    PUBLIC_URL("--public-url", "http://localhost:PORT", "the origin browsers use; drives the WebSocket Origin check and Secure cookies"),
    JWT_SECRET("--jwt-secret", "generated into DATA_DIR/jwt.key", "HMAC key for access tokens, at least 32 bytes; share it between instances"),
    ADMIN("--admin", "unset", "make this existing username an admin at start-up"),
    DEV("--dev", "false", "reload templates/ and static/ from disk on every request (run from the project root)");

    final String flag;
    final String fallback;
    final String help;

    Setting(String flag, String fallback, String help) {
        this.flag = flag;
        this.fallback = fallback;
        this.help = help;
    }

    static String usage() {
        var out = new StringBuilder("""
                Parley — real-time team chat in one jar.

                Usage: java -jar parley.jar [flags]

                Every setting is an environment variable; the flag of the same name overrides it.

                """);
        for (Setting s : values()) {
            out.append(String.format("  %-15s %-16s %s%n  %-15s %-16s default: %s%n",
                    s.name(), s.flag + (s == DEV ? "" : " VALUE"), s.help, "", "", s.fallback));
        }
        out.append("\n  --help                           print this and exit\n");
        return out.toString();
    }
}
