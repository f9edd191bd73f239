package dev.parley.cluster;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Any bus, counted: events this instance published (among them every message it stored, which is
 * published exactly once, after its commit), and events its subscribers received from any instance.
 */
public final class MeteredEventBus implements EventBus {

    private final EventBus bus;
    private final Counter published;
    private final Counter received;
    private final Counter stored;

    public MeteredEventBus(EventBus bus, MeterRegistry registry) {
        this.bus = bus;
        this.published = Counter.builder("parley.bus.events.published")
                .description("events this instance published")
                .register(registry);
        this.received = Counter.builder("parley.bus.events.received")
                .description("events that reached this instance's subscribers, from any instance")
                .register(registry);
        this.stored = Counter.builder("parley.messages.stored")
                .description("messages this instance stored (each is published once, after its commit)")
                .register(registry);
        Gauge.builder("parley.bus.connected", bus, b -> b.connected() ? 1 : 0)
                .description("1 while events reach the other instances (always 1 for a single instance)")
                .register(registry);
    }

    @Override
    public void publish(ChatEvent event) {
        published.increment();
        if (event instanceof ChatEvent.MessagePosted) stored.increment();
        bus.publish(event);
    }

    @Override
    public Subscription subscribe(Consumer<ChatEvent> subscriber) {
        return bus.subscribe(event -> {
            received.increment();
            subscriber.accept(event);
        });
    }

    @Override
    public boolean connected() {
        return bus.connected();
    }

    @Override
    public boolean spansInstances() {
        return bus.spansInstances();
    }

    @Override
    public void close() {
        bus.close();
    }
}
