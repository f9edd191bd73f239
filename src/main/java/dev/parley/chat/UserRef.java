package dev.parley.chat;

import dev.parley.auth.Principal;

/** The public face of a user: what other people see next to a message or in a member list. */
public record UserRef(long id, String username) {

    public static UserRef of(Principal principal) {
        return new UserRef(principal.userId(), principal.username());
    }
}
