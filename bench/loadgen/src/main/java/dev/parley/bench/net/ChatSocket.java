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
import java.time.Duration;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One client connection, on Jetty's core WebSocket layer: raw frames, no message aggregation and
 * no String decoding. A delivery is recognised by its first bytes and its marker scanned out of
 * the content; an ack by its first bytes and its id. Frames for one connection arrive one at a
 * time; the socket asks for the next one when it is done with the last, and answers pings.
 */
public final class ChatSocket implements FrameHandler {

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
    private volatile CoreSession session;
    private volatile int closeCode;

    public ChatSocket(int user, int instance, String token, Wire wire, Receiver receiver) {
        this.user = user;
        this.instance = instance;
        this.token = token;
        this.wire = wire;
        this.receiver = receiver;
    }

    @Override
    public void onOpen(CoreSession s, Callback callback) {
        s.setMaxFrameSize(16 << 20);
        s.setMaxTextMessageSize(16 << 20);
        s.setIdleTimeout(Duration.ofMinutes(30));
        session = s;
        callback.succeeded();
        wire.opened(this);
        s.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte op = frame.getOpCode();
        try {
            if (op == OpCode.TEXT && frame.isFin()) {
                handle(frame.hasPayload() ? frame.getPayload() : ByteBuffer.allocate(0));
            } else if (op == OpCode.TEXT || (op == OpCode.CONTINUATION && partial != null)) {
                if (partial == null) partial = new ByteArrayOutputStream();
                if (frame.hasPayload()) {
                    ByteBuffer p = frame.getPayload();
                    byte[] chunk = new byte[p.remaining()];
                    p.duplicate().get(chunk);
                    partial.writeBytes(chunk);
                }
                if (frame.isFin()) {
                    ByteBuffer whole = ByteBuffer.wrap(partial.toByteArray());
                    partial = null;
                    handle(whole);
                }
            } else if (op == OpCode.PING) {
                ByteBuffer payload = frame.hasPayload() ? ByteBuffer.allocate(frame.getPayloadLength()).put(frame.getPayload().duplicate()).flip()
                        : ByteBuffer.allocate(0);
                session.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
            }
        } catch (RuntimeException e) {
            receiver.unreadable(e);
        }
        callback.succeeded();
        if (op != OpCode.CLOSE) session.demand();
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

    @Override
    public void onError(Throwable cause, Callback callback) {
        ready.completeExceptionally(cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        closeCode = status.getCode();
        IllegalStateException closed = new IllegalStateException("closed " + status.getCode() + " " + status.getReason());
        ready.completeExceptionally(closed);
        requests.values().forEach(f -> f.completeExceptionally(closed));
        receiver.closed(status.getCode());
        callback.succeeded();
    }

    public void send(String text) {
        CoreSession s = session;
        if (s != null) s.sendFrame(new Frame(OpCode.TEXT).setPayload(text), Callback.NOOP, false);
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
    public boolean open() { CoreSession s = session; return s != null && s.isOutputOpen(); }
    public int closeCode() { return closeCode; }

    public void close() {
        CoreSession s = session;
        if (s != null) s.close(CloseStatus.NORMAL, "bench done", Callback.NOOP);
    }
}
