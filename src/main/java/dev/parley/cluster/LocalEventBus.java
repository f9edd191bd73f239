package dev.parley.cluster;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bus of a single instance: calls every subscriber on the publisher's thread. Never loses an event. */
public final class LocalEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);

    private final List<Consumer<ChatEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ChatEvent event) {
        for (var subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // One broken subscriber must not keep an event from the others, nor fail a committed write.
                log.error("subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<ChatEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
