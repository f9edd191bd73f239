package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventBus} guarantees to the subscribers of its own instance. */
abstract class EventBusContract {

    private final List<EventBus> opened = new CopyOnWriteArrayList<>();

    /** A bus of a fresh instance. */
    protected abstract EventBus newBus();

    protected EventBus bus() {
        EventBus bus = newBus();
        opened.add(bus);
        return bus;
    }

    @AfterEach
    void closeBuses() {
        opened.forEach(EventBus::close);
    }

    @Test
    void subscribersOfThePublishingInstanceGetEveryEventAtOnceAndInOrder() {
        EventBus bus = bus();
        var got = new CopyOnWriteArrayList<ChatEvent>();
        bus.subscribe(got::add);
        List<ChatEvent> sent = IntStream.rangeClosed(1, 200)
                .mapToObj(SampleEvents::message)
                .map(ChatEvent.class::cast)
                .toList();
        sent.forEach(bus::publish);
        // Own subscribers are called before publish returns: a committed write is seen by this instance's clients at
        // once.
        assertThat(got).containsExactlyElementsOf(sent);
    }

    @Test
    void aFailingSubscriberKeepsTheEventFromNoOtherAndFailsNoPublisher() {
        EventBus bus = bus();
        var got = new CopyOnWriteArrayList<ChatEvent>();
        bus.subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        bus.subscribe(got::add);
        assertThatCode(() -> bus.publish(SampleEvents.message(1))).doesNotThrowAnyException();
        assertThat(got).containsExactly(SampleEvents.message(1));
    }

    @Test
    void everyKindOfEventReachesSubscribersUnchanged() {
        EventBus bus = bus();
        var got = new CopyOnWriteArrayList<ChatEvent>();
        bus.subscribe(got::add);
        SampleEvents.everyKind().forEach(bus::publish);
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(got).containsExactlyElementsOf(SampleEvents.everyKind()));
    }

    @Test
    void aLocalEventReachesSubscribersOnThePublishersThreadBeforePublishReturns() {
        EventBus bus = bus();
        var threads = new CopyOnWriteArrayList<Thread>();
        bus.subscribe(e -> threads.add(Thread.currentThread()));
        bus.publish(SampleEvents.message(1));
        // The seam's threading contract: what a send's ack relies on to leave after its own event.
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() {
        EventBus bus = bus();
        var got = new CopyOnWriteArrayList<ChatEvent>();
        var stays = new CopyOnWriteArrayList<ChatEvent>();
        EventBus.Subscription subscription = bus.subscribe(got::add);
        bus.subscribe(stays::add);
        bus.publish(SampleEvents.message(1));
        subscription.close();
        bus.publish(SampleEvents.message(2));
        assertThat(got).containsExactly(SampleEvents.message(1));
        assertThat(stays).containsExactly(SampleEvents.message(1), SampleEvents.message(2));
    }

    @Test
    void aConnectedBusSaysSo() {
        assertThat(bus().connected()).isTrue();
    }
}
