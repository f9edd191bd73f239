package dev.parley.chat;

import java.time.Instant;
import java.util.List;

/**
 * A posted message as it is now. {@code content} is what the author typed (their latest edit);
 * {@code html} is the sanitized markup made from it once, when it was written. {@code clientId}
 * is the author's idempotency key (may be null). A deleted message keeps its place with empty
 * content and markup; {@code reply} is what it answers (null for none) and {@code reactions}
 * who reacted with what, in the order given.
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
        List<Reaction> reactions)
        implements RoomEntry {

    public Message {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
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
                id, roomId, seq, user, content, html, createdAt, clientId, editedAt, deleted, reply, reactions);
    }
}
