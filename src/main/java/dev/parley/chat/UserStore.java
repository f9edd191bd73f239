package dev.parley.chat;

import dev.parley.chat.Account;
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

    /** @return false when no such user exists */
    boolean setAdmin(String username, boolean admin);
}
