package dev.parley.chat;

import java.util.List;

/** One emoji on a message: how many reacted with it and who, in the order they did. */
public record Reaction(String emoji, int count, List<UserRef> users) {

    public Reaction {
        users = List.copyOf(users);
    }

    public Reaction(String emoji, List<UserRef> users) {
        this(emoji, users.size(), users);
    }

    /** The ids of the people who reacted, space-separated, for a page to find its own in. */
    public String userIds() {
        return String.join(" ", users.stream().map(u -> Long.toString(u.id())).toList());
    }

    public String names() {
        return String.join(", ", users.stream().map(UserRef::username).toList());
    }
}
