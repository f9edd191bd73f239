package dev.parley.live;

import dev.parley.auth.Principal;
import dev.parley.chat.EventBus;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Rooms;
import dev.parley.chat.Typing;
import dev.parley.render.Templates;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of one instance, wired: the hub, the inbox, the socket writer, and the
 * ticker that releases held connections, pings, and expires typing and presence.
 */
public final class Live implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Live.class);

    /** Frames a socket may send per second on average (bursts of five seconds' worth). */
    public static final int FRAMES_PER_SECOND = 50;
    static final long TICK_MS = 250;
    static final long PING_EVERY_MS = 20_000;
    /** How often, with several instances, rooms are checked for messages the bus lost at their tail. */
    static final long HEAL_EVERY_MS = 1_000;

    final Hub hub;
    final Inbox inbox;
    final SocketWriter writer;
    private final boolean lossyBus;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "parley-ticker");
        t.setDaemon(true);
        return t;
    });
    private long ticks;

    public Live(Rooms rooms, Messages messages, Typing typing, Presence presence, ReadMarks readMarks, EventBus bus, Templates templates) {
        this.writer = SocketWriter.start();
        this.hub = new Hub(rooms, messages, typing, presence, bus, templates);
        this.inbox = new Inbox(hub, new Commands(rooms, messages, typing, presence, readMarks, hub));
        this.lossyBus = bus.spansInstances();
        ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            ticks++;
            hub.tick(ticks % (PING_EVERY_MS / TICK_MS) == 0);
            if (lossyBus && ticks % (HEAL_EVERY_MS / TICK_MS) == 0) hub.healTails();
        } catch (RuntimeException e) {
            log.error("live tick failed", e);
        }
    }

    /** The endpoint config of one accepted handshake: the socket it opens belongs to this principal. */
    public ServerEndpointConfig endpointFor(Principal principal, Format format, long viewing) {
        return ServerEndpointConfig.Builder.create(LiveEndpoint.class, "/ws")
                .subprotocols(format == Format.JSON ? List.of(Format.JSON_SUBPROTOCOL) : List.of())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new LiveEndpoint(Live.this, principal, format, viewing));
                    }
                })
                .build();
    }

    public int connections() {
        return hub.connectionCount();
    }

    public long droppedFrames() {
        return inbox.dropped();
    }

    public long receivedFrames() {
        return inbox.received();
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
        ticker.shutdownNow();
        hub.close();
        writer.close();
    }
}
