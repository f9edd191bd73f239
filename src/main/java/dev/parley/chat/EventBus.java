package dev.parley.chat;

import java.util.function.Consumer;

/**
 * Carries committed events to the hub of every instance, this one included.
 *
 * <p>Contract: at most once, and in publish order for events of one publisher. An event may be
 * lost (Redis pub/sub drops what arrives while a subscriber is away), so nothing may rely on the
 * bus alone for messages: the per-room {@code seq} lets a subscriber see a gap and fill it from
 * the store.
 *
 * <p>Threads, as they are: an event published on this instance reaches this instance's
 * subscribers synchronously, on the publisher's thread, before {@code publish} returns (on SQLite
 * that is the group-commit thread, which completes every send after publishing its message; on
 * PostgreSQL the request's own thread). An event from another instance reaches them on one
 * thread the bus owns, in arrival order. So a subscriber delays whoever published: it may render
 * and queue bytes, and read the store only to fill a gap (rare: a lost or reordered event), but it
 * must never wait on a socket, a lock held across I/O, or another event. This is what lets a
 * send's acknowledgement, completed after {@code publish} returns, leave after its own event.
 */
public interface EventBus extends AutoCloseable {

    void publish(ChatEvent event);

    /** Calls {@code subscriber} with every event from now on, until the returned subscription is closed. */
    Subscription subscribe(Consumer<ChatEvent> subscriber);

    /** A subscriber's place on the bus: closing it stops the events. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether events currently reach other instances; always true for a single instance. */
    default boolean connected() {
        return true;
    }

    /** Whether other instances publish too, so that what they publish may be lost on the way here. */
    default boolean spansInstances() {
        return false;
    }

    @Override
    default void close() {}
}
