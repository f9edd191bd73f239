package dev.parley.chat;

import dev.parley.chat.ChatEvent;
import java.util.function.Consumer;

/**
 * Carries committed events to the hub of every instance, this one included.
 *
 * <p>Contract: at most once, and in publish order for events of one publisher. An event may be
 * lost (Redis pub/sub drops what arrives while a subscriber is away), so nothing may rely on the
 * bus alone for messages: the per-room {@code seq} lets a subscriber see a gap and fill it from
 * the store. Subscribers are called on the bus's own thread and must not block.
 */
public interface EventBus extends AutoCloseable {

    void publish(ChatEvent event);

    void subscribe(Consumer<ChatEvent> subscriber);

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
