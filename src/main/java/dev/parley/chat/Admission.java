package dev.parley.chat;

import java.time.Clock;
import java.util.Optional;

/**
 * Who may sign up. The mode in force is the admin's stored choice, else the instance's
 * {@code REGISTRATION}, else {@link Registration#INVITE}. Whatever the mode, the very first person
 * may sign up (and becomes admin): a server nobody can join is of no use. An invite link, when one
 * is presented, must be valid in every mode but closed, and each sign-up through it counts a use.
 */
public final class Admission {

    static final String SETTING = "registration";
    private static final String UNKNOWN =
            "This invite link is not valid: check that it was copied whole, or ask an admin for a new one.";

    /** A sign-up let through, and the invite use it took (null when none), to be given back if the sign-up fails. */
    record Ticket(Long inviteId) {}

    private final UserStore users;
    private final SettingStore settings;
    private final InviteStore invites;
    private final DefaultRooms defaultRooms;
    private final Optional<Registration> configured;
    private final Clock clock;

    public Admission(
            UserStore users,
            SettingStore settings,
            InviteStore invites,
            DefaultRooms defaultRooms,
            Optional<Registration> configured,
            Clock clock) {
        this.users = users;
        this.settings = settings;
        this.invites = invites;
        this.defaultRooms = defaultRooms;
        this.configured = configured;
        this.clock = clock;
    }

    /** The mode in force now, read fresh: an admin's change applies on every instance at once. */
    public Registration mode() {
        return settings.get(SETTING)
                .flatMap(Registration::parse)
                .or(() -> configured)
                .orElse(Registration.INVITE);
    }

    /** The mode when no admin has chosen one: {@code REGISTRATION}, else invite. */
    public Registration defaultMode() {
        return configured.orElse(Registration.INVITE);
    }

    void setMode(Registration mode) {
        settings.put(SETTING, mode.wire());
    }

    /**
     * Lets one sign-up through, or refuses it with a 403 that says why.
     *
     * @param inviteToken the token of the link followed, or null/blank
     */
    Ticket admit(String inviteToken) {
        refusal(inviteToken).ifPresent(reason -> {
            throw refused(reason);
        });
        if (!presented(inviteToken) || users.isEmpty()) return new Ticket(null);
        return new Ticket(use(inviteToken.trim()));
    }

    /**
     * Why a sign-up with this invite token (null when none) would be refused now, without counting
     * a use: what the sign-up page says before anyone types.
     */
    public Optional<String> refusal(String inviteToken) {
        if (users.isEmpty()) return Optional.empty();
        Registration mode = mode();
        if (mode == Registration.CLOSED) return Optional.of("Sign-up is closed on this server.");
        if (presented(inviteToken)) {
            Optional<Invite.State> state = check(inviteToken);
            if (state.isEmpty()) return Optional.of(UNKNOWN);
            return state.get() == Invite.State.VALID ? Optional.empty() : Optional.of(explain(state.get()));
        }
        if (mode == Registration.INVITE)
            return Optional.of("Sign-up here is by invitation only: ask an admin for an invite link.");
        return Optional.empty();
    }

    /** A newcomer who signed up lands in the default rooms. */
    void welcome(Account newcomer) {
        defaultRooms.enter(newcomer);
    }

    /** A failed sign-up gives its invite use back, so a taken username does not spend someone's link. */
    void giveBack(Ticket ticket) {
        if (ticket.inviteId() != null) invites.giveBack(ticket.inviteId());
    }

    private long use(String token) {
        Invite invite = invites.findByHash(SecretTokens.hash(token)).orElseThrow(() -> refused(UNKNOWN));
        if (invites.use(invite.id(), clock.instant())) return invite.id();
        // Lost the race for the last use, or it lapsed since the check: say which, from a fresh read.
        Invite now = invites.findByHash(SecretTokens.hash(token)).orElse(invite);
        throw refused(explain(now.state(clock.instant())));
    }

    /** What a person following a link in this state is told. */
    public static String explain(Invite.State state) {
        return switch (state) {
            case VALID -> "This invite link is valid.";
            case EXPIRED -> "This invite link has expired. Ask an admin for a new one.";
            case SPENT -> "This invite link has been used as many times as it allows. Ask an admin for a new one.";
            case REVOKED -> "This invite link has been revoked. Ask an admin for a new one.";
        };
    }

    /** The state of the link with this token; empty for a token no invite has. */
    public Optional<Invite.State> check(String inviteToken) {
        if (!presented(inviteToken)) return Optional.empty();
        return invites.findByHash(SecretTokens.hash(inviteToken.trim())).map(i -> i.state(clock.instant()));
    }

    private static boolean presented(String inviteToken) {
        return inviteToken != null && !inviteToken.isBlank();
    }

    private static ChatException refused(String message) {
        return new ChatException(ErrorCode.FORBIDDEN, "invite", message);
    }
}
