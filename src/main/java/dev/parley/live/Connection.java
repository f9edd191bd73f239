package dev.parley.live;

import dev.parley.auth.Principal;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * One open socket: who is on it, how it wants its events, which rooms it follows and how far
 * it has received each, and its outbound queue.
 *
 * <p>Messages reach a connection in seq order with no gap and no duplicate: its per-room cursor
 * drops what it already has. Until the client's first frame (or {@link Timings#HOLD} after the
 * handshake) room messages are held back, so a client that opens with {@code sync} gets what it
 * missed strictly before anything newer.
 */
public final class Connection {

    private static final AtomicLong IDS = new AtomicLong();
    /** Makes connection ids unique across instances, which share presence leases by id. */
    private static final String INSTANCE = Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1);

    record Held(long roomId, long seq, Frames frames) {}

    /**
     * How far this connection has received one room: the seq of the last message sent. Guarded by
     * the connection's lock. Live delivery only ever sends what came after {@code followedAt}.
     */
    static final class Cursor {
        private long seq;
        final long followedAt;

        private Cursor(long seq) {
            this.seq = seq;
            this.followedAt = seq;
        }
    }

    final String id;
    final Principal principal;
    final Format format;
    /** The room the page shows (0: none); pages get that room's events in full, others in brief. */
    final long viewing;

    final long openedAt = System.nanoTime();
    final Set<Long> typingIn = ConcurrentHashMap.newKeySet();
    final FrameRate rate;
    final InFlight sends = new InFlight();

    private final CoreSession core;
    private final Outbox outbox;
    private final LiveMeters meters;
    private final Map<Long, Cursor> cursors = new HashMap<>();
    private List<Held> held = new ArrayList<>();
    private volatile boolean closing;
    private volatile long closingSince;
    private volatile long lastHeard = System.nanoTime();
    /** When the access token this socket rides on expires (null: never checked, as for sockets opened in tests without one). */
    private volatile java.time.Instant tokenExpires;
    /** The expiry a {@code token-expiring} warning was last sent for. */
    private volatile java.time.Instant warnedFor;

    private java.time.Instant expiredFor;

    /** Over Jetty's own session of the socket, which it writes and closes without blocking. */
    Connection(
            CoreSession core, Principal principal, Format format, long viewing, FrameRate rate, SocketWriter writer) {
        this.id = INSTANCE + "-" + IDS.incrementAndGet();
        this.core = core;
        this.principal = principal;
        this.format = format;
        this.viewing = viewing;
        this.rate = rate;
        this.outbox = new Outbox(core(), writer);
        this.meters = writer.meters;
    }

    /**
     * Starts following a room from {@code seq}; keeps the cursor when already following. Called
     * under the room's lock, which keeps the cursor it returns, so that a delivery finds it directly.
     */
    synchronized Cursor follow(long roomId, long seq) {
        return cursors.computeIfAbsent(roomId, id -> new Cursor(seq));
    }

    synchronized void unfollow(long roomId) {
        cursors.remove(roomId);
    }

    synchronized boolean follows(long roomId) {
        return cursors.containsKey(roomId);
    }

    synchronized List<Long> followed() {
        return List.copyOf(cursors.keySet());
    }

    /** A live message of a followed room, in seq order. Called under the room's lock. */
    synchronized void deliver(Cursor cursor, long roomId, long seq, Frames frames) {
        if (held != null) {
            held.add(new Held(roomId, seq, frames));
            return;
        }
        sendIfNew(cursor, seq, frames);
    }

    /**
     * A message replayed from the store for {@code sync}; bypasses the hold, not the queue's bound
     * ({@link Hub#sync} replays no more than {@link #replayRoom} allows). Called under the room's lock.
     */
    synchronized void replay(long roomId, long seq, Frames frames) {
        Cursor cursor = cursors.get(roomId);
        if (cursor == null) return;
        // Never backwards: a connection that went live before its sync already has what it was sent live.
        cursor.seq = Math.max(cursor.seq, seq);
        ByteBuffer bytes = frames.bytesFor(this);
        if (bytes != null && !closing && !outbox.offer(bytes)) dropSlow();
    }

    /** Moves the cursor of a followed room, after a replay or to skip what the client has. */
    synchronized void resumeAt(long roomId, long seq) {
        Cursor cursor = cursors.get(roomId);
        if (cursor != null) cursor.seq = Math.max(cursor.seq, seq);
    }

    /** How many bytes a replay may queue now without reaching the outbound bound. */
    long replayRoom() {
        return closing ? 0 : outbox.room();
    }

    synchronized boolean isLive() {
        return held == null;
    }

    /** Sends what was held back, minus what a replay already sent, and delivers live from now on. */
    synchronized void goLive() {
        if (held == null) return;
        List<Held> pending = held;
        held = null;
        for (Held h : pending) {
            // A room unfollowed meanwhile has no cursor any more: its held messages are dropped.
            Cursor cursor = cursors.get(h.roomId());
            if (cursor != null) sendIfNew(cursor, h.seq(), h.frames());
        }
    }

    private void sendIfNew(Cursor cursor, long seq, Frames frames) {
        if (seq <= cursor.seq) return;
        cursor.seq = seq;
        send(frames);
    }

    /** Sends an event that is not a message; such events are not held back. */
    void send(Frames frames) {
        ByteBuffer bytes = frames.bytesFor(this);
        if (bytes == null || closing) return;
        if (!outbox.offer(bytes, frames.acceptedAtMicros())) dropSlow();
    }

    /** Sends a text for this connection alone (a reply, or the state it opens with): it leaves at once. */
    void send(String text) {
        send(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
    }

    /** Queues a text for this connection alone behind what waits for it: the socket writer sends them together. */
    void queue(String text) {
        send(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
    }

    /** Queues UTF-8 text that may be shared with other connections: it is only ever read. */
    private void send(ByteBuffer bytes, boolean atOnce) {
        if (closing) return;
        if (!(atOnce ? outbox.offerAtOnce(bytes) : outbox.offer(bytes))) {
            dropSlow();
        }
    }

    /**
     * Lets go of a reader this far behind, which would only fall further: what waits for it is
     * dropped at once (it resumes by sync after reconnecting), and the close follows what is
     * already on its way.
     */
    void dropSlow() {
        if (!closing) meters.evicted.increment();
        outbox.abandon();
        close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow; reconnect and sync");
    }

    /**
     * Starts the close handshake without waiting for it. (Jakarta's {@code Session.close} blocks
     * until the close frame is written, which a reader that stopped reading never lets happen.)
     * A peer that does not complete it within {@link Timings#CLOSE_WAIT} is cut off by the hub.
     */
    void close(CloseReason.CloseCode code, String reason) {
        if (closing) return;
        closingSince = System.nanoTime();
        closing = true;
        core().close(code.getCode(), reason, Callback.NOOP);
    }

    /** Drops the TCP connection at once; the peer sees 1006, which browsers retry. */
    void abort() {
        core().abort();
    }

    boolean isClosing() {
        return closing;
    }

    boolean closingLongerThan(long now, long nanos) {
        return closing && now - closingSince > nanos;
    }

    private CoreSession core() {
        return core;
    }

    java.time.Instant tokenExpires() {
        return tokenExpires;
    }

    /** The socket now rides on a token that expires at {@code expires}: a new warning will come before then. */
    void tokenRenewed(java.time.Instant expires) {
        tokenExpires = expires;
    }

    /** True once per expiry: whether to warn now. */
    synchronized boolean warnOnce(java.time.Instant expires) {
        if (expires.equals(warnedFor)) return false;
        warnedFor = expires;
        return true;
    }

    /** True once per expiry: whether to close for it now (the close itself happens off the clock's thread). */
    synchronized boolean expireOnce(java.time.Instant expires) {
        if (expires.equals(expiredFor)) return false;
        expiredFor = expires;
        return true;
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    long lastHeard() {
        return lastHeard;
    }

    void ping() {
        outbox.ping();
    }

    @Override
    public String toString() {
        return id + "(" + principal.username() + ")";
    }
}
