package dev.parley.chat;

import java.time.Clock;
import java.util.List;

/**
 * An admin's say over accounts: admin rights given and taken, people deactivated and brought
 * back, passwords reset. Every change is written to the audit log. There is always at least one
 * active admin: the last one can be neither demoted nor deactivated.
 */
public final class People {

    private final UserStore users;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Admins admins;
    private final AuditLog audit;
    private final Clock clock;

    public People(UserStore users, Accounts accounts, Sessions sessions, AuditLog audit, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.admins = new Admins(users);
        this.audit = audit;
        this.clock = clock;
    }

    /** The whole truth about one account, for an admin. */
    public Account find(long adminId, String username) {
        admins.require(adminId);
        return accounts.byUsername(username);
    }

    /** Everyone, bots and deactivated people included, ordered by username. */
    public List<Account> all(long adminId) {
        admins.require(adminId);
        return users.all();
    }

    public Account promote(long adminId, String username) {
        Account admin = admins.require(adminId);
        Account account = accounts.byUsername(username);
        if (account.bot()) throw new ChatException(ErrorCode.FORBIDDEN, "username", "A bot cannot be an admin.");
        if (account.deactivated())
            throw new ChatException(ErrorCode.CONFLICT, "username", "Reactivate " + account.username() + " first.");
        if (!account.admin()) {
            users.setAdmin(account.username(), true);
            audit.record(admin, "admin.grant", account.username());
        }
        return accounts.byId(account.id());
    }

    public Account demote(long adminId, String username) {
        Account admin = admins.require(adminId);
        Account account = accounts.byUsername(username);
        if (!account.admin()) return account;
        if (!users.demoteUnlessLast(account.id())) {
            throw new ChatException(
                    ErrorCode.CONFLICT,
                    "username",
                    account.username() + " is the last admin: make someone else an admin first.");
        }
        audit.record(admin, "admin.revoke", account.username());
        return accounts.byId(account.id());
    }

    /**
     * Turns someone away: they can no longer sign in, and every session and socket of theirs ends,
     * on every instance (through the bus). Their messages stay.
     */
    public Account deactivate(long adminId, String username) {
        Account admin = admins.require(adminId);
        Account account = accounts.byUsername(username);
        if (account.id() == admin.id())
            throw new ChatException(ErrorCode.FORBIDDEN, "username", "You cannot deactivate yourself.");
        if (account.deactivated()) return account;
        if (!users.deactivateUnlessLastAdmin(account.id(), clock.instant())) {
            throw new ChatException(
                    ErrorCode.CONFLICT,
                    "username",
                    account.username() + " is the last admin: make someone else an admin first.");
        }
        sessions.endAllOf(account.id(), null);
        audit.record(admin, "user.deactivate", account.username());
        return accounts.byId(account.id());
    }

    public Account reactivate(long adminId, String username) {
        Account admin = admins.require(adminId);
        Account account = accounts.byUsername(username);
        if (!account.deactivated()) return account;
        users.reactivate(account.id());
        audit.record(admin, "user.reactivate", account.username());
        return accounts.byId(account.id());
    }

    public Accounts.Reset resetPassword(long adminId, String username) {
        Account admin = admins.require(adminId);
        if (accounts.byUsername(username).bot())
            throw new ChatException(ErrorCode.FORBIDDEN, "username", "A bot has no password: give it an API token.");
        Accounts.Reset reset = accounts.resetPassword(adminId, username);
        audit.record(admin, "password.reset", reset.account().username());
        return reset;
    }
}
