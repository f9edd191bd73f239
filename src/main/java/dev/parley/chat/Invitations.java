package dev.parley.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The admin's side of joining: invite links (made, listed, revoked) and the registration mode. */
public final class Invitations {

    public static final int MAX_HOURS = 24 * 365;
    public static final int MAX_USES = 1000;

    /** A link just made: the token is in the answer this once and never again. */
    public record Created(Invite invite, String token) {}

    private final InviteStore invites;
    private final Admission admission;
    private final Admins admins;
    private final AuditLog audit;
    private final Clock clock;

    public Invitations(InviteStore invites, Admission admission, UserStore users, AuditLog audit, Clock clock) {
        this.invites = invites;
        this.admission = admission;
        this.admins = new Admins(users);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Makes an invite link valid for {@code hours} and/or {@code maxUses} sign-ups; at least one
     * limit is required, so no link stays valid forever by oversight.
     */
    public Created create(long adminId, Integer hours, Integer maxUses) {
        Account admin = admins.require(adminId);
        if (hours == null && maxUses == null) {
            throw ChatException.invalid("expiresInHours", "Give the link an expiry, a number of uses, or both.");
        }
        if (hours != null && (hours < 1 || hours > MAX_HOURS)) {
            throw ChatException.invalid("expiresInHours", "From 1 to " + MAX_HOURS + " hours.");
        }
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
            throw ChatException.invalid("maxUses", "From 1 to " + MAX_USES + " uses.");
        }
        Instant now = clock.instant();
        String token = SecretTokens.generate("inv_");
        Invite invite = invites.create(
                SecretTokens.hash(token),
                admin.id(),
                hours == null ? null : now.plus(Duration.ofHours(hours)),
                maxUses,
                now);
        audit.record(admin, "invite.create", "invite " + invite.id());
        return new Created(invite, token);
    }

    public List<Invite> list(long adminId) {
        admins.require(adminId);
        return invites.all();
    }

    public void revoke(long adminId, long inviteId) {
        Account admin = admins.require(adminId);
        if (invites.all().stream().noneMatch(i -> i.id() == inviteId)) throw ChatException.notFound("invite");
        if (invites.revoke(inviteId, clock.instant())) audit.record(admin, "invite.revoke", "invite " + inviteId);
    }

    public Registration mode(long adminId) {
        admins.require(adminId);
        return admission.mode();
    }

    /** The mode when no admin has chosen one. */
    public Registration defaultMode() {
        return admission.defaultMode();
    }

    public void setMode(long adminId, String mode) {
        Account admin = admins.require(adminId);
        Registration chosen = Registration.parse(mode)
                .orElseThrow(() -> ChatException.invalid("mode", "Registration is open, invite or closed."));
        admission.setMode(chosen);
        audit.record(admin, "registration." + chosen.wire(), null);
    }

    public Instant now() {
        return clock.instant();
    }
}
