package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.chat.Message;
import dev.parley.chat.UserRef;
import dev.parley.testing.RecordingSocket;
import dev.parley.util.WallClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live side's meters move with what happens: gaps, heals, writes and their latency, closes, evictions. */
class LiveMetersTest {

    private static final long ROOM = 7;
    private static final UserRef ALICE = new UserRef(1, "alice");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveMeters meters = new LiveMeters(registry);
    private final SocketWriter writer = SocketWriter.byHand(meters);
    private final List<Message> stored = new ArrayList<>();

    private Message post(Instant at) {
        long seq = stored.size() + 1;
        var m = new Message(100 + seq, ROOM, seq, ALICE, "m" + seq, "m" + seq, at, null);
        stored.add(m);
        return m;
    }

    private Connection open(Principal who) {
        var c = new Connection(new RecordingSocket(), who, Format.JSON, 0, new FrameRate(50), writer);
        c.goLive();
        return c;
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void aMessageAheadOfTheNextCountsAGapAndEachMessageFilledFromTheStoreCountsAsHealed() {
        var channel = new RoomChannel(
                ROOM,
                0,
                (roomId, after, limit) -> stored.stream()
                        .filter(m -> m.seq() > after)
                        .limit(limit)
                        .<dev.parley.chat.RoomEntry>map(m -> m)
                        .toList(),
                m -> Frames.ofAll(() -> "m" + m.seq(), () -> "m" + m.seq()),
                meters);
        channel.follow(open(new Principal(2, "bob", false, "s")));
        post(Instant.now());
        post(Instant.now());
        Message third = post(Instant.now());

        channel.deliver(third, WallClock.micros());
        while (writer.writeWaiting() > 0) {}

        assertThat(count("parley.delivery.gaps.detected")).isEqualTo(1);
        assertThat(count("parley.delivery.gaps.healed")).isEqualTo(2);
        assertThat(count("parley.ws.deliveries")).isEqualTo(3);
        var latency = registry.get("parley.delivery.latency").timer();
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.max(TimeUnit.SECONDS)).isLessThan(5);

        channel.deliver(post(Instant.now()), WallClock.micros());
        while (writer.writeWaiting() > 0) {}
        assertThat(count("parley.delivery.gaps.detected"))
                .as("no gap, no count")
                .isEqualTo(1);
        assertThat(latency.count()).isEqualTo(4);
    }

    @Test
    void framesOfNoMessageCountAsDeliveriesWithoutATime() {
        var c = open(new Principal(2, "bob", false, "s"));
        c.send(Frames.ofAll(() -> "typing", () -> "typing"));
        while (writer.writeWaiting() > 0) {}
        assertThat(count("parley.ws.deliveries")).isEqualTo(1);
        assertThat(registry.get("parley.delivery.latency").timer().count()).isZero();
    }

    @Test
    void aSlowConsumerLetGoCountsOnceHoweverOftenItOverflows() {
        var c = open(new Principal(2, "bob", false, "s"));
        c.dropSlow();
        c.dropSlow();
        assertThat(count("parley.ws.slow.consumers.evicted")).isEqualTo(1);
    }

    @Test
    void aSocketOpenedWithinAMinuteOfTheSamePersonsLastCloseIsAReconnection() {
        var bob = new Principal(2, "bob", false, "s");
        var first = open(bob);
        meters.opened(first);
        assertThat(count("parley.ws.reconnections")).isZero();
        meters.closed(first, 1006);
        meters.opened(open(bob));
        assertThat(count("parley.ws.reconnections")).isEqualTo(1);
        meters.opened(open(new Principal(3, "carol", false, "t")));
        assertThat(count("parley.ws.reconnections")).as("someone new").isEqualTo(1);
        assertThat(registry.get("parley.ws.connections.closed")
                        .tag("code", "1006")
                        .tag("format", "json")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("parley.ws.connections.open")
                        .tag("format", "json")
                        .gauge()
                        .value())
                .isEqualTo(2);
        meters.closed(open(bob), 4999);
        meters.closed(open(bob), 3999);
        assertThat(registry.get("parley.ws.connections.closed")
                        .tag("code", "other")
                        .counter()
                        .count())
                .as("codes a peer makes up share one label")
                .isEqualTo(2);
    }

    @Test
    void errorsOfEventsTheServerDoesNotKnowShareOneLabel() {
        meters.error("send-message", "not_member");
        meters.error("made-up-" + System.nanoTime(), "invalid_payload");
        meters.error(null, "invalid_payload");
        meters.received("made-up");
        meters.received(null);
        assertThat(registry.get("parley.ws.errors")
                        .tag("event", "send-message")
                        .tag("code", "not_member")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("parley.ws.errors")
                        .tag("event", "other")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("parley.ws.frames.received.by.event")
                        .tag("event", "other")
                        .counter()
                        .count())
                .isEqualTo(2);
    }
}
