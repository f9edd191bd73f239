package dev.parley;

/** Every setting Parley reads: an environment variable, the flag that overrides it, and its help line. */
enum Setting {
    PORT("--port", "8080", "HTTP and WebSocket port (0 picks a free one)"),
    DATA_DIR("--data-dir", "./data", "where the SQLite database and the generated JWT key live"),
    DATABASE_URL(
            "--database-url",
            "SQLite in DATA_DIR",
            "JDBC URL: jdbc:sqlite:/path/parley.db or jdbc:postgresql://host/db?user=..."),
    REDIS_URL("--redis-url", "unset", "redis://host:port to run several instances together; unset: one instance"),
    PUBLIC_URL(
            "--public-url",
            "http://localhost:PORT",
            "the origin browsers use; drives the WebSocket Origin check and Secure cookies"),
    JWT_SECRET(
            "--jwt-secret",
            "generated into DATA_DIR/jwt.key",
            "HMAC key for access tokens, at least 32 bytes; share it between instances"),
    ADMIN("--admin", "unset", "make this existing username an admin at start-up"),
    REGISTRATION(
            "--registration",
            "invite",
            "who may sign up: open, invite (with an invite link) or closed; the first person always may. An admin's choice in /admin wins"),
    DEV("--dev", "false", "reload templates/ and static/ from disk on every request (run from the project root)"),
    MESSAGE_RATE(
            "--message-rate",
            "10/s,20",
            "messages one person may post, over all their sockets and HTTP (COUNT/UNIT[,BURST], UNIT s, m, h or d)"),
    TYPING_RATE("--typing-rate", "5/s,10", "typing-starts one person may send"),
    JOIN_RATE("--join-rate", "30/m", "rooms one person may join"),
    ROOM_CREATE_RATE("--room-create-rate", "10/h", "rooms (and new direct conversations) one person may create"),
    MAX_ROOMS_PER_PERSON("--max-rooms-per-person", "100", "rooms one person may own at once"),
    API_RATE("--api-rate", "20/s,100", "HTTP API requests one signed-in person may make"),
    MAX_SOCKETS_PER_PERSON("--max-sockets-per-person", "20", "sockets one person may hold open on one instance"),
    SOCKET_OPEN_RATE("--socket-open-rate", "30/m,60", "sockets one person may open, across every instance"),
    LOGIN_RATE_PER_ADDRESS(
            "--login-rate-per-address", "30/m", "sign-in attempts, right or wrong, from one client address"),
    SIGNUP_RATE_PER_ADDRESS("--signup-rate-per-address", "10/h", "sign-ups from one client address"),
    HASH_CONCURRENCY(
            "--hash-concurrency",
            "the number of cores",
            "password hashes computed at once; as many more wait up to 0.5 s, the rest get 503"),
    MAX_UPLOAD_BYTES(
            "--max-upload-bytes",
            "25MB",
            "the size limit per uploaded file (bytes, or with KB, MB or GB); larger uploads get 413"),
    TRUSTED_PROXIES(
            "--trusted-proxies",
            "unset",
            "comma-separated addresses of reverse proxies whose X-Forwarded-For names the client; unset: the socket's peer is the client"),
    METRICS_TOKEN(
            "--metrics-token",
            "unset",
            "a secret of 16+ characters a scraper sends as 'Authorization: Bearer ...' to read /metrics; unset: admins only"),
    LOG_FORMAT("--log-format", "text", "text, or json for one JSON object per line (for log shippers)");

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
                       java -jar parley.jar backup FILE [flags]    a consistent copy of a SQLite Parley, while it serves
                       java -jar parley.jar restore FILE [flags]   into an empty DATA_DIR

                Every setting is an environment variable; the flag of the same name overrides it.

                """);
        for (Setting s : values()) {
            out.append(String.format(
                    "  %-15s %-16s %s%n  %-15s %-16s default: %s%n",
                    s.name(), s.flag + (s == DEV ? "" : " VALUE"), s.help, "", "", s.fallback));
        }
        out.append("\n  --help                           print this and exit\n");
        return out.toString();
    }
}
