package dev.parley.bench.net;

import dev.parley.bench.measure.Clock;
import dev.parley.bench.measure.Marker;
import dev.parley.bench.measure.SeenSet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketFrame;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One client connection. It reads raw frames (no message handler, so nothing is decoded to a
 * String): a delivery is recognised by its first bytes and its marker scanned out of the content;
 * an ack by its first bytes and its id. Frames for one connection arrive one at a time.
 */
@WebSocket(autoDemand = true)
public final class ChatSocket {

    /** Ack ids from here up answer setup requests (sync, join-room); below, measured sends. */
    static final long SETUP_BASE = 1L << 40;

    public final int user;
    public final int instance;
    final String token;
    private final Wire wire;
    private final Receiver receiver;
    private final CompletableFuture<ChatSocket> ready = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Boolean>> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong(SETUP_BASE);
    private final SeenSet seen = new SeenSet();
    private final Marker.Parsed parsed = new Marker.Parsed();
    private ByteArrayOutputStream partial;
    private volatile Session session;
    private volatile int closeCode;

    public ChatSocket(int user, int instance, String token, Wire wire, Receiver receiver) {
        this.user = user;
        this.instance = instance;
        this.token = token;
        this.wire = wire;
        this.receiver = receiver;
    }

    @OnWebSocketOpen
    public void onOpen(Session s) {
        session = s;
        wire.opened(this);
    }

    @OnWebSocketFrame
    public void onFrame(Frame frame, Callback callback) {
        try {
            byte op = frame.getOpCode();
            if (op == OpCode.TEXT && frame.isFin()) {
                handle(frame.getPayload() == null ? ByteBuffer.allocate(0) : frame.getPayload());
            } else if (op == OpCode.TEXT || (op == OpCode.CONTINUATION && partial != null)) {
                if (partial == null) partial = new ByteArrayOutputStream();
                ByteBuffer p = frame.getPayload();
                if (p != null) {
                    byte[] chunk = new byte[p.remaining()];
                    p.duplicate().get(chunk);
                    partial.writeBytes(chunk);
                }
                if (frame.isFin()) {
                    ByteBuffer whole = ByteBuffer.wrap(partial.toByteArray());
                    partial = null;
                    handle(whole);
                }
            }
        } catch (RuntimeException e) {
            receiver.unreadable(e);
        } finally {
            callback.succeed();
        }
    }

    private void handle(ByteBuffer b) {
        long now = Clock.now();
        if (wire.isDelivery(b)) {
            if (Marker.read(b, parsed) && parsed.sender != user) {
                receiver.ledger().delivered(parsed.id, parsed.sender, parsed.sentAt, now, seen, instance);
            }
            return;
        }
        long id = wire.ackId(b);
        if (id == Wire.NOT_ACK) {
            wire.other(this, b);
            return;
        }
        boolean ok = wire.ackOk(b);
        if (id >= SETUP_BASE) {
            CompletableFuture<Boolean> f = requests.remove(id);
            if (f != null) f.complete(ok);
        } else {
            receiver.acked(this, id, ok, now, ok ? null : Bytes.text(b));
        }
    }

    @OnWebSocketClose
    public void onClose(int code, String reason) {
        closeCode = code;
        IllegalStateException closed = new IllegalStateException("closed " + code + " " + reason);
        ready.completeExceptionally(closed);
        requests.values().forEach(f -> f.completeExceptionally(closed));
        receiver.closed(code);
    }

    @OnWebSocketError
    public void onError(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    public void send(String text) {
        Session s = session;
        if (s != null) s.sendText(text, Callback.NOOP);
    }

    /** Sends a setup frame built around a fresh ack id; completes with whether it succeeded. */
    public CompletableFuture<Boolean> request(LongFunction<String> frame) {
        long id = nextRequest.getAndIncrement();
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        requests.put(id, f);
        send(frame.apply(id));
        return f;
    }

    public void sendMessage(long roomId, String content, long ackId) {
        send(wire.sendMessage(roomId, content, ackId));
    }

    public CompletableFuture<Boolean> join(long roomId) {
        return request(id -> wire.joinRoom(roomId, id));
    }

    public void markReady() { ready.complete(this); }
    public void failReady(Throwable cause) { ready.completeExceptionally(cause); }
    public CompletableFuture<ChatSocket> ready() { return ready; }
    public boolean open() { Session s = session; return s != null && s.isOpen(); }
    public int closeCode() { return closeCode; }

    public void close() {
        Session s = session;
        if (s != null) s.close(1000, "bench done", Callback.NOOP);
    }
}
