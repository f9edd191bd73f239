package dev.parley.chat;

/** The check every admin action starts with. Rights are read fresh from the store, never from a token. */
final class Admins {

    private final UserStore users;

    Admins(UserStore users) {
        this.users = users;
    }

    Account require(long viewerId) {
        Account viewer = users.findById(viewerId).orElseThrow(() -> ChatException.notFound("user"));
        if (!viewer.admin() || viewer.deactivated())
            throw new ChatException(ErrorCode.FORBIDDEN, "Only admins can do that.");
        return viewer;
    }
}
