package dev.parley.chat;

import java.time.Instant;
import java.util.List;

/**
 * A posted message as it is now. {@code content} is what the author typed (their latest edit);
 * {@code html} is the sanitized markup made from it once, when it was written. {@code clientId}
 * is the author's idempotency key (may be null). A deleted message keeps its place with empty
 * content and markup; {@code reply} is what it answers (null for none) and {@code reactions}
 * who reacted with what, in the order given; {@code files} the uploads attached to it, in order.
 */
public record Message(
        long id,
        long roomId,
        long seq,
        UserRef user,
        String content,
        String html,
        Instant createdAt,
        String clientId,
        Instant editedAt,
        boolean deleted,
        Reply reply,
        List<Reaction> reactions,
        List<Attachment> files)
        implements RoomEntry {

    public Message {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public Message(
            long id,
            long roomId,
            long seq,
            UserRef user,
            String content,
            String html,
            Instant createdAt,
            String clientId,
            Instant editedAt,
            boolean deleted,
            Reply reply,
            List<Reaction> reactions) {
        this(id, roomId, seq, user, content, html, createdAt, clientId, editedAt, deleted, reply, reactions, List.of());
    }

    /** A message just posted: not edited, not deleted, no reply, no reactions. */
    public Message(
            long id,
            long roomId,
            long seq,
            UserRef user,
            String content,
            String html,
            Instant createdAt,
            String clientId) {
        this(id, roomId, seq, user, content, html, createdAt, clientId, null, false, null, List.of());
    }

    public boolean edited() {
        return editedAt != null;
    }

    /** The same message with its markup made again (from another instance: markup is never trusted over Redis). */
    public Message withHtml(String html, Reply reply) {
        return new Message(
                id, roomId, seq, user, content, html, createdAt, clientId, editedAt, deleted, reply, reactions, files);
    }

    /** The same message with these files attached (read beside it: they live in their own table). */
    public Message withFiles(List<Attachment> attached) {
        return new Message(
                id, roomId, seq, user, content, html, createdAt, clientId, editedAt, deleted, reply, reactions,
                attached);
    }
}
