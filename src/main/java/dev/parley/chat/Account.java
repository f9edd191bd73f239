package dev.parley.chat;

import java.time.Instant;

/**
 * A user as the server knows them, password hash included. Never leaves the server.
 * {@code deactivatedAt} is when an admin turned them away (null while they may sign in); a bot has
 * no usable password and is driven by API tokens. {@code displayName} is the name they chose to be
 * shown by, null when none.
 */
public record Account(
        long id,
        String username,
        String passwordHash,
        boolean admin,
        Instant createdAt,
        Instant deactivatedAt,
        boolean bot,
        String displayName) {

    public UserRef ref() {
        return new UserRef(id, username, displayName);
    }

    public boolean deactivated() {
        return deactivatedAt != null;
    }
}
