package dev.parley.chat;

import dev.parley.util.Futures;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The messages of every room, numbered per room. This store is the source of truth that every
 * live delivery is checked against.
 */
public interface MessageStore {

    /** The outcome of an append: the stored message, and whether this call created it. */
    record Appended(Message message, boolean created) {}

    /**
     * Stores a message under its room's next {@code seq} in one transaction, so seqs are gapless
     * and unique per room even under concurrent posts. Idempotent on (userId, clientId): when the
     * user already stored a message with that clientId, nothing is written and that message is
     * returned with {@code created == false}. The future completes once the message is durable
     * (on SQLite, with others in one group commit), or fails with what the append failed with.
     */
    CompletableFuture<Appended> appendAsync(NewMessage message);

    /** {@link #appendAsync}, waited for. */
    default Appended append(NewMessage message) {
        return Futures.join(appendAsync(message));
    }

    /** The outcome of a change: the change stored (null when there was nothing to change), the message as it now is, and whether this call stored it. */
    record Changed(Change change, Message message, boolean created) {}

    /**
     * Applies a change to a message and records it under its room's next {@code seq}, in one
     * transaction. Idempotent on (userId, clientId): a change this user already stored with that
     * clientId is returned with {@code created == false}, and nothing is written. Reacting with an
     * emoji one already reacted with, removing one not there and deleting a deleted message
     * change nothing and take no seq ({@code change == null}). Fails with a {@link ChatException}
     * for a message that is not in the room ({@code not_found}), or one that was deleted when the
     * change is not a delete ({@code conflict}). A deleted message's text and markup are blanked,
     * in the message and in its earlier edits, and its reactions are removed.
     */
    CompletableFuture<Changed> changeAsync(NewChange change);

    default Changed change(NewChange change) {
        return Futures.join(changeAsync(change));
    }

    /** The message as it is now (edits, deletion, reply and reactions). */
    Optional<Message> find(long messageId);

    /** Up to {@code limit} messages with seq below {@code beforeSeq} (all, when null), oldest first. */
    List<Message> before(long roomId, Long beforeSeq, int limit);

    /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    List<Message> after(long roomId, long afterSeq, int limit);

    /**
     * Up to {@code limit} messages and changes with seq above {@code afterSeq}, in seq order: what
     * a room committed after a point, for healing and replay. Each message, and each change's
     * {@code message}, is as it is now.
     */
    List<RoomEntry> entriesAfter(long roomId, long afterSeq, int limit);
}
