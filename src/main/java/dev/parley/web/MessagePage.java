package dev.parley.web;

import dev.parley.chat.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One screenful of a room's history, oldest first. Fetched with one message more than shown on
 * each open side, so that {@code more} says whether to offer the ones before it and {@code newer}
 * the ones after it (only when the page does not end at the room's newest message).
 * {@code deactivated} are the authors an admin has turned away: their messages stay, marked;
 * {@code bots} are authors that are programs. {@code firstUnreadSeq} is the message above which the
 * room page draws its <em>New</em> line for the viewer (0 for none).
 */
public record MessagePage(
        long roomId,
        List<Message> messages,
        boolean more,
        boolean newer,
        Set<Long> deactivated,
        Set<Long> bots,
        long firstUnreadSeq) {

    /** The newest messages before some point: {@code fetched} holds up to {@code pageSize + 1}, oldest first. */
    static MessagePage of(long roomId, List<Message> fetched, int pageSize, Set<Long> deactivated, Set<Long> bots) {
        boolean more = fetched.size() > pageSize;
        return new MessagePage(
                roomId,
                more ? fetched.subList(fetched.size() - pageSize, fetched.size()) : fetched,
                more,
                false,
                deactivated,
                bots,
                0);
    }

    /** The oldest messages after some point: {@code fetched} holds up to {@code pageSize + 1}, oldest first. */
    static MessagePage newer(long roomId, List<Message> fetched, int pageSize, Set<Long> deactivated, Set<Long> bots) {
        boolean newer = fetched.size() > pageSize;
        return new MessagePage(
                roomId, newer ? fetched.subList(0, pageSize) : fetched, false, newer, deactivated, bots, 0);
    }

    /**
     * A window around one message: {@code upTo} ends with it (up to {@code half + 1} messages),
     * {@code after} follows it (up to {@code half + 1}); both oldest first.
     */
    static MessagePage around(
            long roomId, List<Message> upTo, List<Message> after, int half, Set<Long> deactivated, Set<Long> bots) {
        MessagePage before = of(roomId, upTo, half, deactivated, bots);
        MessagePage later = newer(roomId, after, half, deactivated, bots);
        var messages = new ArrayList<>(before.messages);
        messages.addAll(later.messages);
        return new MessagePage(roomId, messages, before.more, later.newer, deactivated, bots, 0);
    }

    /**
     * This page with its <em>New</em> line above the first message by someone else after
     * {@code readUpTo}, the viewer's read watermark before they opened the room; none when every
     * message shown is read or theirs.
     */
    MessagePage withUnreadLine(long viewerId, long readUpTo) {
        long first = messages.stream()
                .filter(m -> m.seq() > readUpTo && m.user().id() != viewerId)
                .mapToLong(Message::seq)
                .findFirst()
                .orElse(0);
        return new MessagePage(roomId, messages, more, newer, deactivated, bots, first);
    }

    /** The seq to ask for older messages before. */
    public long oldestSeq() {
        return messages.isEmpty() ? 0 : messages.get(0).seq();
    }

    public long newestSeq() {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
    }
}
