package dev.parley.chat;

import java.util.List;
import java.util.Optional;

/**
 * Accounts. Usernames are unique regardless of case: {@code findByUsername("ALICE")} finds "alice".
 */
public interface UserStore {

    /**
     * Creates an account. The first account ever created becomes admin, decided atomically with
     * the insert so that two simultaneous first sign-ups cannot both win.
     *
     * @throws DuplicateException when the username is taken in any case
     */
    Account register(String username, String passwordHash);

    Optional<Account> findById(long id);

    Optional<Account> findByUsername(String username);

    /** Every account, ordered by username. Meant for the admin page of a team-sized server. */
    List<Account> all();

    void setPasswordHash(long userId, String passwordHash);

    /** Sets or, with null, clears the name the user is shown by. */
    void setDisplayName(long userId, String displayName);

    /** @return false when no such user exists */
    boolean setAdmin(String username, boolean admin);

    /** Whether nobody has signed up yet: the first person may always sign up, and becomes admin. */
    boolean isEmpty();

    /**
     * Takes admin rights away, unless that would leave no active admin — checked and changed in
     * one transaction, so two admins demoting each other at once cannot both succeed.
     *
     * @return false when the user is the last active admin (nothing changes)
     */
    boolean demoteUnlessLast(long userId);

    /**
     * Marks the user deactivated at {@code at}, unless they are the last active admin (checked as
     * in {@link #demoteUnlessLast}). Deactivating someone already deactivated keeps the first time.
     *
     * @return false when the user is the last active admin (nothing changes)
     */
    boolean deactivateUnlessLastAdmin(long userId, java.time.Instant at);

    void reactivate(long userId);

    /** The ids of everyone deactivated: few, on a team's server. */
    java.util.Set<Long> deactivatedIds();

    /** The ids of every bot account. */
    java.util.Set<Long> botIds();

    /** Creates a bot: an account that cannot sign in with a password and is never the first admin. */
    Account registerBot(String username, java.time.Instant now);
}
