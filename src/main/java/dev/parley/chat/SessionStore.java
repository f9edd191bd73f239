package dev.parley.chat;

import java.time.Instant;

/**
 * Sign-in sessions and their rotating refresh tokens. A session is one sign-in on one device; its
 * refresh tokens form a family: each use spends the token and issues the next. Only hashes of
 * refresh tokens are stored.
 */
public interface SessionStore {

    /** What happened when a refresh token was presented. */
    sealed interface Rotation {
        /** The token was live: it is now spent and {@code newHash} is the session's live token. */
        record Rotated(String sessionId, long userId) implements Rotation {}

        /**
         * The token was spent moments ago (within the grace period) by a concurrent request of the same
         * client: nothing changes, but the caller may hand out a fresh access token.
         */
        record RecentlySpent(String sessionId, long userId) implements Rotation {}

        /** A token spent earlier was replayed: the whole session has been revoked. */
        record ReuseDetected(String sessionId, long userId) implements Rotation {}

        /** Unknown, expired, or of a revoked session. */
        record Rejected() implements Rotation {}
    }

    void create(String sessionId, long userId, String refreshHash, Instant refreshExpiresAt, Instant now);

    /** Atomically spends {@code presentedHash} and stores {@code newHash} in its place. */
    Rotation rotate(String presentedHash, String newHash, Instant newExpiresAt, Instant now, Instant graceSince);

    boolean isActive(String sessionId);

    /** Revokes the session and every refresh token of it. */
    void revoke(String sessionId, Instant now);

    /** Revokes every live session of the user except {@code keptSessionId} (none kept when null). */
    void revokeAllOf(long userId, String keptSessionId, Instant now);

    /**
     * Deletes what can never be used again: refresh tokens expired at {@code now} (spent ones are
     * kept until then, since presenting one again is how a stolen token is noticed), the tokens of
     * revoked sessions, and sessions left with no token. Returns how many rows went.
     */
    int sweep(Instant now);
}
