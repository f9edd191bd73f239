package dev.parley.live;

import dev.parley.util.WallClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the live side counts, with every meter on a hot path resolved once here: a frame costs an
 * increment, never a lookup in the registry. Tags stay bounded: event types the server knows (else
 * {@code other}), error codes, close codes of the protocol (else {@code other}), and two formats.
 */
final class LiveMeters {

    /** Client events counted by name; anything else counts as {@code other}, so clients cannot mint labels. */
    static final Set<String> EVENTS = Set.of(
            "join-room",
            "leave-room",
            "send-message",
            "typing-start",
            "typing-stop",
            "mark-read",
            "update-presence",
            "sync",
            "refresh-token");

    /** How long after a socket closes its person opening another counts as a reconnection. */
    static final Duration RECONNECT_WINDOW = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final Map<Format, AtomicInteger> open = new EnumMap<>(Format.class);
    private final Map<Format, Counter> opened = new EnumMap<>(Format.class);
    private final Map<String, Counter> closed = new ConcurrentHashMap<>();
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastClosed = new ConcurrentHashMap<>();
    final Counter reconnections;
    final Counter syncs;
    final Counter replayed;
    final Counter frameRateRefusals;
    final Counter deliveries;
    final Counter evicted;
    final Counter gaps;
    final Counter healed;
    final Timer latency;

    LiveMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Format f : Format.values()) {
            var count = new AtomicInteger();
            open.put(f, count);
            Gauge.builder("parley.ws.connections.open", count, AtomicInteger::get)
                    .tag("format", tag(f))
                    .description("open WebSocket connections")
                    .register(registry);
            opened.put(
                    f,
                    Counter.builder("parley.ws.connections.opened")
                            .tag("format", tag(f))
                            .register(registry));
        }
        for (String event : EVENTS) received.put(event, receivedCounter(event));
        received.put("other", receivedCounter("other"));
        reconnections = Counter.builder("parley.ws.reconnections")
                .description("sockets opened by a person whose socket closed within the last minute")
                .register(registry);
        syncs = Counter.builder("parley.ws.syncs").description("sync catch-ups").register(registry);
        replayed = Counter.builder("parley.ws.sync.replayed")
                .description("messages replayed by sync")
                .register(registry);
        frameRateRefusals = Counter.builder("parley.ws.rate.limited")
                .tag("limit", "frames")
                .description("frames refused for arriving too fast")
                .register(registry);
        deliveries = Counter.builder("parley.ws.deliveries")
                .description("frames written to sockets")
                .register(registry);
        evicted = Counter.builder("parley.ws.slow.consumers.evicted")
                .description("sockets closed for reading too slowly")
                .register(registry);
        gaps = Counter.builder("parley.delivery.gaps.detected")
                .description("messages that arrived ahead of one not yet delivered")
                .register(registry);
        healed = Counter.builder("parley.delivery.gaps.healed")
                .description("messages delivered from the store because the bus had not brought them")
                .register(registry);
        latency = Timer.builder("parley.delivery.latency")
                .description("from the server accepting a message to its frame written to each recipient")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Meters that go nowhere: for tests that build the live side by hand. */
    static LiveMeters none() {
        return new LiveMeters(new SimpleMeterRegistry());
    }

    private Counter receivedCounter(String event) {
        return Counter.builder("parley.ws.frames.received.by.event")
                .tag("event", event)
                .description("frames received, by client event")
                .register(registry);
    }

    private static String tag(Format f) {
        return f == Format.JSON ? "json" : "page";
    }

    void opened(Connection c) {
        open.get(c.format).incrementAndGet();
        opened.get(c.format).increment();
        Long closedAt = lastClosed.remove(c.principal.userId());
        if (closedAt != null && System.nanoTime() - closedAt < RECONNECT_WINDOW.toNanos()) reconnections.increment();
    }

    void closed(Connection c, int code) {
        open.get(c.format).decrementAndGet();
        lastClosed.put(c.principal.userId(), System.nanoTime());
        String key = tag(c.format) + "/" + closeCode(code);
        closed.computeIfAbsent(
                        key,
                        k -> Counter.builder("parley.ws.connections.closed")
                                .tag("format", tag(c.format))
                                .tag("code", closeCode(code))
                                .register(registry))
                .increment();
    }

    /** Forgets closes older than the reconnection window: the map holds only the last minute's people. */
    void forgetOldCloses(long now) {
        lastClosed.values().removeIf(at -> now - at > RECONNECT_WINDOW.toNanos());
    }

    void received(String event) {
        Counter counter = event == null ? null : received.get(event);
        (counter != null ? counter : received.get("other")).increment();
    }

    void error(String event, String code) {
        String name = event != null && received.containsKey(event) ? event : "other";
        errors.computeIfAbsent(
                        name + "/" + code,
                        k -> Counter.builder("parley.ws.errors")
                                .tag("event", name)
                                .tag("code", code)
                                .description("client frames answered with an error, by event and error code")
                                .register(registry))
                .increment();
    }

    /** One frame written; {@code acceptedAtMicros} non-zero for a message, whose delivery is timed. */
    void written(long acceptedAtMicros) {
        deliveries.increment();
        if (acceptedAtMicros != 0) {
            latency.record(Math.max(0, WallClock.micros() - acceptedAtMicros), TimeUnit.MICROSECONDS);
        }
    }

    /** Close codes of the protocol and RFC 6455 by number; anything a peer makes up counts as {@code other}. */
    static String closeCode(int code) {
        return (code >= 1000 && code <= 1015) || (code >= 4000 && code <= 4010) ? Integer.toString(code) : "other";
    }
}
