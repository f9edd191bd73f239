package dev.parley.live;

import dev.parley.auth.Principal;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One socket's life: open registers it with the hub, each text frame goes to the {@link Dispatcher}, close unregisters it. */
public final class LiveEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(LiveEndpoint.class);

    /** Frames above this many bytes (UTF-8) close the socket with 1009 (too big). */
    public static final int MAX_FRAME = 64 * 1024;

    private final Live live;
    private final Principal principal;
    private final Format format;
    private final long viewing;
    private final java.time.Instant tokenExpires;
    private Connection connection;

    LiveEndpoint(Live live, Principal principal, Format format, long viewing, java.time.Instant tokenExpires) {
        this.live = live;
        this.principal = principal;
        this.format = format;
        this.viewing = viewing;
        this.tokenExpires = tokenExpires;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_FRAME);
        session.setMaxIdleTimeout(Timings.IDLE_TIMEOUT.toMillis());
        connection = new Connection(
                ((JakartaWebSocketSession) session).getCoreSession(),
                principal,
                format,
                viewing,
                new FrameRate(Live.FRAMES_PER_SECOND),
                live.writer);
        connection.tokenRenewed(tokenExpires);
        session.addMessageHandler(
                String.class, (MessageHandler.Whole<String>) text -> live.dispatcher.receive(connection, text));
        session.addMessageHandler(
                PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> live.hub.alive(connection));
        session.addMessageHandler(java.nio.ByteBuffer.class, (MessageHandler.Whole<java.nio.ByteBuffer>)
                bytes -> live.dispatcher.binary(connection));
        live.hub.open(connection);
        log.info(
                "connection opened: {} person={} format={} viewing={}",
                connection.id,
                principal.username(),
                format.name().toLowerCase(java.util.Locale.ROOT),
                viewing);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection == null) return;
        int code = reason.getCloseCode().getCode();
        live.hub.close(connection, code);
        log.info(
                "connection closed: {} person={} format={} code={} duration={}s",
                connection.id,
                principal.username(),
                format.name().toLowerCase(java.util.Locale.ROOT),
                code,
                (System.nanoTime() - connection.openedAt) / 1_000_000_000);
    }

    @Override
    public void onError(Session session, Throwable error) {
        log.debug("socket of {} failed: {}", connection, error.toString());
    }
}
