package dev.parley.chat;

import java.time.Instant;

/** A bot's API token as the server keeps it: never the token itself. {@code lastUsedAt} is to the minute. */
public record BotToken(
        long id,
        UserRef bot,
        String label,
        UserRef createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
