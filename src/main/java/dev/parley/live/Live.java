package dev.parley.live;

import dev.parley.auth.Principal;
import dev.parley.chat.EventBus;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Rooms;
import dev.parley.chat.Typing;
import dev.parley.render.Templates;
import dev.parley.util.FailureLog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of one instance, wired: the hub, the dispatcher of client frames, the
 * socket writer, and two clocks of the transport, each on its own thread: the live clock
 * (releases held connections, pings, cuts off silent ones; never touches the database or Redis)
 * and, with several instances, the tail healer (reads the database). Typing and presence expire
 * on the domain's own clock ({@link dev.parley.chat.DomainClock}), not here.
 */
public final class Live implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Live.class);

    /** Frames a socket may send per second on average (bursts of five seconds' worth). */
    public static final int FRAMES_PER_SECOND = 50;

    private final FailureLog failures = new FailureLog(log);
    final Hub hub;
    final Dispatcher dispatcher;
    final SocketWriter writer;
    private final ScheduledExecutorService liveClock = singleThread("parley-live-clock");
    private final ScheduledExecutorService healer = singleThread("parley-tail-heal");
    private long ticks;

    public Live(
            Rooms rooms,
            Messages messages,
            Typing typing,
            Presence presence,
            ReadMarks readMarks,
            EventBus bus,
            Templates templates,
            TokenExpiry tokens,
            MeterRegistry registry) {
        var meters = new LiveMeters(registry);
        this.writer = SocketWriter.start(meters);
        this.hub = new Hub(rooms, messages, typing, presence, bus, templates, tokens, meters);
        this.dispatcher =
                new Dispatcher(hub, new Commands(rooms, messages, typing, presence, readMarks, hub, tokens), meters);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "parley.ws.frames.dropped", dispatcher, Dispatcher::dropped)
                .description("client frames refused without an ack id to answer")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "parley.ws.frames.received", dispatcher, Dispatcher::received)
                .description("frames received from clients")
                .register(registry);
        every(liveClock, Timings.TICK, "live clock", this::tick);
        // On one instance too: a commit that reported a failure may have happened, unpublished.
        every(healer, Timings.HEAL_EVERY, "tail heal", hub::healTails);
    }

    private void tick() {
        ticks++;
        hub.tick(System.nanoTime(), ticks % (Timings.PING_EVERY.toMillis() / Timings.TICK.toMillis()) == 0);
    }

    private void every(ScheduledExecutorService thread, Duration period, String what, Runnable work) {
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        failures.failed(what, e);
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The endpoint config of one accepted handshake: the socket it opens belongs to this principal. */
    public ServerEndpointConfig endpointFor(
            Principal principal, Format format, long viewing, java.time.Instant tokenExpires) {
        return ServerEndpointConfig.Builder.create(LiveEndpoint.class, "/ws")
                .subprotocols(format == Format.JSON ? List.of(Format.JSON_SUBPROTOCOL) : List.of())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new LiveEndpoint(Live.this, principal, format, viewing, tokenExpires));
                    }
                })
                .build();
    }

    public int connections() {
        return hub.connectionCount();
    }

    /** How many sockets the user has open on this instance. */
    public int socketsOf(long userId) {
        return hub.socketsOf(userId);
    }

    public long droppedFrames() {
        return dispatcher.dropped();
    }

    public long receivedFrames() {
        return dispatcher.received();
    }

    /** Before the server stops: every socket closes with 1012, which browsers retry elsewhere. */
    public void stopping() {
        hub.closeAll(CloseCodes.SERVICE_RESTART, "restarting");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        liveClock.shutdownNow();
        healer.shutdownNow();
        hub.close();
        writer.close();
    }
}
