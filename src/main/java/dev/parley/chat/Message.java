package dev.parley.chat;

import java.time.Instant;

/**
 * A posted message. {@code content} is what the author typed; {@code html} is the sanitized
 * markup made from it once, at post time. {@code clientId} is the author's idempotency key (may be null).
 */
public record Message(
        long id,
        long roomId,
        long seq,
        UserRef user,
        String content,
        String html,
        Instant createdAt,
        String clientId) {}
