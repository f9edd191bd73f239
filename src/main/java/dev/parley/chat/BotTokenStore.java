package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bots' API tokens, found by the SHA-256 hash of the token. */
public interface BotTokenStore {

    BotToken create(long botId, String tokenHash, String label, long createdBy, Instant now);

    /** The token with this hash, revoked or not. */
    Optional<BotToken> findByHash(String tokenHash);

    /** Every token, newest first. */
    List<BotToken> all();

    /** @return false when there is no such token or it was revoked already */
    boolean revoke(long id, Instant now);

    /** Notes a use, at most once per {@code every}: a busy bot does not cost a write per request. */
    void touch(long id, Instant now, java.time.Duration every);
}
