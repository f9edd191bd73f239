package dev.parley.chat;

import java.time.Instant;
import java.util.Locale;

/**
 * A change to a message — an edit, a delete, a reaction added or removed — in its room's order:
 * {@code seq} comes from the same sequence as messages. {@code user} made the change;
 * {@code content} and {@code html} are an edit's new text (blank once the message is deleted),
 * {@code emoji} a reaction's. {@code message} is the message as the change left it (read back
 * later, as it is now), which is all a page needs to show it.
 */
public record Change(
        long id,
        long roomId,
        long seq,
        long messageId,
        Kind kind,
        UserRef user,
        String emoji,
        String content,
        String html,
        Instant createdAt,
        String clientId,
        Message message)
        implements RoomEntry {

    public enum Kind {
        EDIT("message-edited"),
        DELETE("message-deleted"),
        REACT("reaction-added"),
        UNREACT("reaction-removed");

        /** The socket event that carries a change of this kind. */
        public final String event;

        Kind(String event) {
            this.event = event;
        }

        /** As stored: {@code edit}, {@code delete}, {@code react}, {@code unreact}. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /** The same change with markup made again (from another instance: markup is never trusted over Redis). */
    public Change withMarkup(String html, Message message) {
        return new Change(id, roomId, seq, messageId, kind, user, emoji, content, html, createdAt, clientId, message);
    }
}
