package dev.parley.chat;

import dev.parley.auth.Principal;

/**
 * The public face of a user: what other people see next to a message or in a member list.
 * {@code displayName} is the name they chose to be shown by (null when they chose none); the
 * username stays what mentions and direct messages use.
 */
public record UserRef(long id, String username, String displayName) {

    public UserRef(long id, String username) {
        this(id, username, null);
    }

    public static UserRef of(Principal principal) {
        return new UserRef(principal.userId(), principal.username());
    }

    /** The name to print: the display name when there is one, else the username. */
    public String shownName() {
        return displayName == null ? username : displayName;
    }
}
