package dev.parley.live;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The outbound queue of one socket: frames are written one at a time, in order, without blocking
 * the caller. Every write goes through here, pings included, straight to Jetty's core session:
 * one writer per socket, so no two writes ever race.
 *
 * <p>Shared events are written by the {@link SocketWriter}'s thread, so that a fan-out only queues,
 * and events that pile up while the writer is busy leave in one write; texts for this socket
 * alone (replies) are written at once, by the caller.
 *
 * <p>The queue is bounded by the bytes it holds, so a reader that stops reading costs a fixed
 * amount of memory and never slows anyone else: {@link #offer} reports the overflow and the caller
 * drops the connection.
 */
final class Outbox {

    /** What may wait for a slow reader: about 500 of the longest messages, thousands of usual ones. */
    static final int MAX_QUEUED_BYTES = 2 << 20;

    /**
     * A queued frame: UTF-8 text, or a ping when {@code text} is null. The bytes may be shared with
     * every other recipient of the event, so each frame reads them through a view of its own.
     * Every text counts against the bound (events, replays, acks, errors); only pings do not.
     */
    private record Entry(ByteBuffer text, boolean counted, long acceptedAtMicros) {
        static final Entry PING = new Entry(null, false, 0);

        Frame frame() {
            return text == null ? new Frame(OpCode.PING) : new Frame(OpCode.TEXT).setPayload(text.slice());
        }

        int size() {
            return counted ? text.remaining() : 0;
        }
    }

    /** Idle: nothing queued. Waiting: handed to the socket writer. Writing: a pump runs. */
    private enum State {
        IDLE,
        WAITING,
        WRITING
    }

    private final CoreSession socket;
    private final SocketWriter writer;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long queuedBytes;
    private State state = State.IDLE;
    private boolean failed;

    Outbox(CoreSession socket, SocketWriter writer) {
        this.socket = socket;
        this.writer = writer;
    }

    /**
     * Queues an event shared with other sockets, for the socket writer's thread to write. False
     * when the queue is full or broken, and the connection must go.
     */
    boolean offer(ByteBuffer text) {
        return offer(text, 0);
    }

    /** {@link #offer(ByteBuffer)} for a live message accepted at {@code acceptedAtMicros}: its write is timed. */
    boolean offer(ByteBuffer text, long acceptedAtMicros) {
        return offer(new Entry(text, true, acceptedAtMicros), false);
    }

    /**
     * Queues a text for this socket alone (a reply, or the state it opens with): it leaves at
     * once, together with whatever was waiting before it, since a client waits on it.
     */
    boolean offerAtOnce(ByteBuffer text) {
        return offer(new Entry(text, true, 0), true);
    }

    /** Drops what waits and takes nothing more: the connection is being let go for reading too slowly. */
    synchronized void abandon() {
        failed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /** How many more bytes of text may wait before the bound is reached: what a {@code sync} may replay now. */
    synchronized long room() {
        return failed ? 0 : MAX_QUEUED_BYTES - queuedBytes;
    }

    void ping() {
        offer(Entry.PING, false);
    }

    private boolean offer(Entry entry, boolean atOnce) {
        Entry first = null;
        boolean handOver = false;
        synchronized (this) {
            if (failed) return false;
            if (state == State.IDLE) {
                if (atOnce) {
                    state = State.WRITING;
                    first = entry;
                } else {
                    if (!enqueue(entry)) return false;
                    state = State.WAITING;
                    handOver = true;
                }
            } else {
                if (!enqueue(entry)) return false;
                if (state == State.WAITING && atOnce) {
                    state = State.WRITING;
                    first = next();
                }
            }
        }
        if (handOver) writer.later(this);
        if (first != null) pump(first);
        return true;
    }

    /** The socket writer's turn: writes what waited. Nothing to do when a reply already took it out. */
    void flush() {
        Entry first;
        synchronized (this) {
            if (state != State.WAITING || failed) return;
            state = State.WRITING;
            first = next();
        }
        if (first != null) pump(first);
    }

    /** Adds to the queue within its bound; past it, the outbox breaks. Called holding the lock. */
    private boolean enqueue(Entry entry) {
        int size = entry.size();
        if (queuedBytes + size > MAX_QUEUED_BYTES) {
            failed = true;
            queue.clear();
            return false;
        }
        queue.add(entry);
        queuedBytes += size;
        return true;
    }

    /**
     * Writes frames until the queue is empty or a write goes asynchronous; in the latter case the
     * completion continues the pumping. A write that completes inline loops here instead of
     * recursing, so a long queue cannot grow the stack.
     */
    private void pump(Entry first) {
        Entry entry = first;
        while (entry != null) {
            var write = new Write(entry.text() == null ? -1 : entry.acceptedAtMicros());
            boolean more;
            synchronized (this) {
                more = !queue.isEmpty();
            }
            // With more queued behind it, a frame may wait in Jetty's buffer: a burst goes out in few writes.
            socket.sendFrame(
                    entry.frame(),
                    Callback.from(() -> completed(write, true), failure -> completed(write, false)),
                    more);
            synchronized (this) {
                if (!write.done) {
                    write.continuesInCallback = true;
                    return;
                }
                if (failed) return;
                entry = next();
            }
        }
    }

    private void completed(Write write, boolean ok) {
        Entry entry;
        synchronized (this) {
            write.done = true;
            if (ok && write.acceptedAtMicros >= 0) writer.meters.written(write.acceptedAtMicros);
            if (!ok) {
                failed = true;
                state = State.IDLE;
                queue.clear();
                return;
            }
            if (!write.continuesInCallback) return;
            entry = next();
        }
        if (entry != null) pump(entry);
    }

    /** The next frame to write, or null after marking the outbox idle. Called holding the lock. */
    private Entry next() {
        Entry entry = queue.poll();
        if (entry == null) {
            state = State.IDLE;
            return null;
        }
        queuedBytes -= entry.size();
        return entry;
    }

    private static final class Write {
        /** -1 for a ping, which is not a delivery. */
        final long acceptedAtMicros;

        boolean done;
        boolean continuesInCallback;

        Write(long acceptedAtMicros) {
            this.acceptedAtMicros = acceptedAtMicros;
        }
    }
}
