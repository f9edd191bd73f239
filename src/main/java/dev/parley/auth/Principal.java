package dev.parley.auth;

import dev.parley.chat.UserRef;

/** Who is calling, as proven by a verified access token. */
public record Principal(long userId, String username, boolean admin, String sessionId) {

    public UserRef ref() {
        return new UserRef(userId, username);
    }
}
