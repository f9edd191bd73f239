package dev.parley.chat;

import dev.parley.auth.HashingGate;
import dev.parley.auth.Passwords;
import dev.parley.auth.Principal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Signing up and proving who you are. */
public final class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private final UserStore users;
    private final Passwords passwords;
    private final LoginGuard guard;
    private final Quotas quotas;
    private final Sessions sessions;
    private final Admission admission;

    public Accounts(
            UserStore users,
            Passwords passwords,
            LoginGuard guard,
            Quotas quotas,
            Sessions sessions,
            Admission admission) {
        this.users = users;
        this.passwords = passwords;
        this.guard = guard;
        this.quotas = quotas;
        this.sessions = sessions;
        this.admission = admission;
    }

    /**
     * Signs someone up from {@code address} (the client's network address), within that address's
     * sign-up allowance, if {@link Admission} lets them: with an invite token (null when none) in
     * invite mode. They land in the default rooms.
     */
    public Account register(String username, String password, String address, String inviteToken) {
        String name = checkUsername(username);
        checkPassword(password, "password");
        quotas.registration(address);
        Admission.Ticket ticket = admission.admit(inviteToken);
        Account account;
        try {
            account = users.register(name, hashing(() -> passwords.hash(password)));
        } catch (DuplicateException e) {
            admission.giveBack(ticket);
            throw new ChatException(ErrorCode.CONFLICT, "username", "That username is taken.");
        } catch (RuntimeException e) {
            admission.giveBack(ticket);
            throw e;
        }
        admission.welcome(account);
        return account;
    }

    /**
     * Checks a password from {@code address}: every attempt counts against the address's allowance,
     * failures against the name's ({@link LoginGuard}), and the check waits its turn to hash.
     */
    public Account logIn(String username, String password, String address) {
        if (username == null || password == null)
            throw new ChatException(ErrorCode.UNAUTHORIZED, "Wrong username or password.");
        quotas.login(address);
        guard.check(username, address);
        Optional<Account> account = users.findByUsername(username.trim());
        boolean bot = account.isPresent() && account.get().bot();
        boolean right = hashing(() -> {
            // A bot has no password: its check costs as long as a miss, and fails.
            if (account.isPresent() && !bot)
                return passwords.matches(password, account.get().passwordHash());
            passwords.burnTimeOfOneCheck(password);
            return false;
        });
        if (right && account.get().deactivated()) {
            throw new ChatException(
                    ErrorCode.FORBIDDEN,
                    "password",
                    "This account has been deactivated. Ask an admin if that is a mistake.");
        }
        if (right) return account.get();
        guard.failed(username, address);
        throw new ChatException(ErrorCode.UNAUTHORIZED, "Wrong username or password.");
    }

    /** Hashing refused for want of a turn is a 503 that says when to retry, not a failure of the caller's. */
    private static <T> T hashing(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (HashingGate.Busy e) {
            throw TryLater.busy("The server is busy checking passwords; try again in a moment.", e.retryAfter);
        }
    }

    public Account byUsername(String username) {
        return users.findByUsername(username == null ? "" : username.trim())
                .orElseThrow(() -> ChatException.notFound("user"));
    }

    public Optional<Account> findByUsername(String username) {
        return users.findByUsername(username == null ? "" : username.trim());
    }

    public Account byId(long id) {
        return users.findById(id).orElseThrow(() -> ChatException.notFound("user"));
    }

    /** The people an admin has turned away; their messages are shown marked. */
    public java.util.Set<Long> deactivatedIds() {
        return users.deactivatedIds();
    }

    /** The accounts that are programs; their messages are shown with a "bot" mark. */
    public java.util.Set<Long> botIds() {
        return users.botIds();
    }

    public boolean makeAdmin(String username) {
        return users.setAdmin(username, true);
    }

    private void requireAdmin(long viewerId) {
        if (!byId(viewerId).admin()) throw new ChatException(ErrorCode.FORBIDDEN, "Only admins can do that.");
    }

    /**
     * Replaces the password after checking the current one. Every other session of the user ends:
     * whoever knew the old password must not stay signed in with it.
     */
    public void changePassword(Principal me, String currentPassword, String newPassword) {
        Account account = byId(me.userId());
        if (account.bot()) throw new ChatException(ErrorCode.FORBIDDEN, "A bot has no password: it uses API tokens.");
        if (currentPassword == null || !hashing(() -> passwords.matches(currentPassword, account.passwordHash()))) {
            throw new ChatException(ErrorCode.FORBIDDEN, "currentPassword", "That is not your current password.");
        }
        checkPassword(newPassword, "newPassword");
        users.setPasswordHash(me.userId(), hashing(() -> passwords.hash(newPassword)));
        sessions.endAllOf(me.userId(), me.sessionId());
    }

    /**
     * An admin gives someone a new random password, to be passed on out of band, and signs out all
     * their devices; returns the password and the account.
     */
    public Reset resetPassword(long adminId, String username) {
        requireAdmin(adminId);
        Account account = byUsername(username);
        String temporary = TemporaryPassword.generate();
        users.setPasswordHash(account.id(), hashing(() -> passwords.hash(temporary)));
        sessions.endAllOf(account.id(), null);
        return new Reset(account, temporary);
    }

    public record Reset(Account account, String temporaryPassword) {}

    /** The longest display name, in characters (code points). */
    public static final int MAX_DISPLAY_NAME = 64;

    /**
     * Sets the name the person is shown by, or clears it when blank. It follows the rules of
     * labels ({@link TextRules}), and may not look like anyone else's username or display name:
     * "Admin" or "Ann" in Cyrillic letters would pass for someone they are not. Looking like
     * one's own username is fine.
     */
    public Account setDisplayName(Principal me, String displayName) {
        String clean = displayName == null ? "" : displayName.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            users.setDisplayName(me.userId(), null);
            return byId(me.userId());
        }
        if (clean.codePointCount(0, clean.length()) > MAX_DISPLAY_NAME)
            throw ChatException.invalid("displayName", "At most " + MAX_DISPLAY_NAME + " characters.");
        String name = TextRules.label(clean, "displayName");
        var others = new java.util.ArrayList<String>();
        for (Account a : users.all()) {
            if (a.id() == me.userId()) continue;
            others.add(a.username());
            if (a.displayName() != null) others.add(a.displayName());
        }
        ConfusableNames.lookAlike(name, others).ifPresent(taken -> {
            throw new ChatException(
                    ErrorCode.CONFLICT,
                    "displayName",
                    "That name looks like \"" + taken + "\", someone else's; pick another.");
        });
        users.setDisplayName(me.userId(), name);
        return byId(me.userId());
    }

    /** Usernames are lowercase; what people type is folded, so "Alice" signs up as "alice". */
    static String checkUsername(String username) {
        if (username == null || username.isBlank()) throw ChatException.invalid("username", "Choose a username.");
        String name = username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw ChatException.invalid("username", "3 to 32 characters: letters, digits, '_', '.' or '-'.");
        }
        return name;
    }

    private static void checkPassword(String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ChatException.invalid(field, "At least " + MIN_PASSWORD + " characters.");
        }
        if (password.length() > MAX_PASSWORD)
            throw ChatException.invalid(field, "At most " + MAX_PASSWORD + " characters.");
    }
}
