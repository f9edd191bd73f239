package dev.parley.chat;

import java.time.Instant;

/** An incoming webhook: whoever holds its token posts into {@code roomId} as {@code bot}. */
public record Webhook(
        long id,
        long roomId,
        UserRef bot,
        UserRef createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
