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

    Optional<Message> find(long messageId);

    /** Up to {@code limit} messages with seq below {@code beforeSeq} (all, when null), oldest first. */
    List<Message> before(long roomId, Long beforeSeq, int limit);

    /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    List<Message> after(long roomId, long afterSeq, int limit);
}
