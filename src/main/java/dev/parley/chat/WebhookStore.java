package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Incoming webhooks, found by the SHA-256 hash of their token. */
public interface WebhookStore {

    Webhook create(long roomId, long botId, String tokenHash, long createdBy, Instant now);

    Optional<Webhook> findByHash(String tokenHash);

    /** Every webhook, newest first. */
    List<Webhook> all();

    /** @return false when there is no such webhook or it was revoked already */
    boolean revoke(long id, Instant now);

    /** Notes a use, at most once per {@code every}. */
    void touch(long id, Instant now, java.time.Duration every);
}
