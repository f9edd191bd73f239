package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Invite links, found by the SHA-256 hash of their token. Every method is atomic on its own. */
public interface InviteStore {

    Invite create(String tokenHash, long createdBy, Instant expiresAt, Integer maxUses, Instant now);

    Optional<Invite> findByHash(String tokenHash);

    /** Every invite, newest first. */
    List<Invite> all();

    /** @return false when there is no such invite or it was revoked already */
    boolean revoke(long id, Instant now);

    /**
     * Counts one use of the invite if, at {@code now}, it is neither revoked, expired nor spent —
     * checked and counted in one statement, so two people racing for a link's last use cannot
     * both get it.
     *
     * @return whether the use was counted
     */
    boolean use(long id, Instant now);

    /** Gives back a use counted by {@link #use} whose sign-up then failed (a taken username). */
    void giveBack(long id);
}
