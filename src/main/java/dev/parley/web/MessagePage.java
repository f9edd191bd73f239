package dev.parley.web;

import dev.parley.chat.Message;
import java.util.List;
import java.util.Set;

/**
 * One screenful of a room's history, oldest first. Fetched with one message more than shown, so
 * that {@code more} says whether to offer the ones before it. {@code deactivated} are the authors
 * an admin has turned away: their messages stay, marked; {@code bots} are authors that are programs.
 */
public record MessagePage(long roomId, List<Message> messages, boolean more, Set<Long> deactivated, Set<Long> bots) {

    static MessagePage of(long roomId, List<Message> fetched, int pageSize, Set<Long> deactivated, Set<Long> bots) {
        boolean more = fetched.size() > pageSize;
        return new MessagePage(roomId, more ? fetched.subList(fetched.size() - pageSize, fetched.size()) : fetched, more, deactivated, bots);
    }

    /** The seq to ask for older messages before. */
    public long oldestSeq() {
        return messages.isEmpty() ? 0 : messages.get(0).seq();
    }

    public long newestSeq() {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
    }
}
