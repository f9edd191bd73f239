package dev.parley.chat;

import java.time.Instant;

/**
 * An invite link as the server keeps it: never the token itself, which only its creator saw.
 * {@code expiresAt} and {@code maxUses} are null when the link is not limited that way.
 */
public record Invite(
        long id,
        UserRef createdBy,
        Instant createdAt,
        Instant expiresAt,
        Integer maxUses,
        int uses,
        Instant revokedAt) {

    /** What following the link does now. */
    public enum State {
        VALID,
        EXPIRED,
        SPENT,
        REVOKED
    }

    public State state(Instant now) {
        if (revokedAt != null) return State.REVOKED;
        if (expiresAt != null && !expiresAt.isAfter(now)) return State.EXPIRED;
        if (maxUses != null && uses >= maxUses) return State.SPENT;
        return State.VALID;
    }
}
