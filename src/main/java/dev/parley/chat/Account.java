package dev.parley.chat;

import java.time.Instant;

/** A user as the server knows them, password hash included. Never leaves the server. */
public record Account(long id, String username, String passwordHash, boolean admin, Instant createdAt) {

    public UserRef ref() {
        return new UserRef(id, username);
    }
}
