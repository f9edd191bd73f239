package dev.parley.live;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.util.ArrayDeque;

/**
 * The outbound queue of one socket: texts are written one at a time, in order, without blocking
 * the caller. The queue is bounded by the characters it holds, so a reader that stops reading
 * costs a fixed amount of memory and never slows anyone else: {@link #offer} reports the overflow
 * and the caller drops the connection.
 */
final class Outbox {

    /** What may wait for a slow reader: about 500 of the longest messages, thousands of usual ones. */
    static final int MAX_QUEUED_CHARS = 2 << 20;

    private final RemoteEndpoint.Async remote;
    /** A queued text; only live ones count against the bound (see {@link #offerReplay}). */
    private record Entry(String text, boolean counted) {}

    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean writing;
    private boolean failed;

    Outbox(RemoteEndpoint.Async remote) {
        this.remote = remote;
    }

    /** Queues a text; false when the queue is full or broken, and the connection must go. */
    boolean offer(String text) {
        return offer(text, true);
    }

    /**
     * Queues a text a client asked for with {@code sync}. A replay is bounded by its caller, and a
     * reader catching up must not be taken for a slow one: it does not count against the bound.
     */
    boolean offerReplay(String text) {
        return offer(text, false);
    }

    private boolean offer(String text, boolean counted) {
        synchronized (this) {
            if (failed) return false;
            if (writing) {
                if (counted && queuedChars + text.length() > MAX_QUEUED_CHARS) {
                    failed = true;
                    queue.clear();
                    return false;
                }
                queue.add(new Entry(text, counted));
                if (counted) queuedChars += text.length();
                return true;
            }
            writing = true;
        }
        pump(text);
        return true;
    }

    /**
     * Writes texts until the queue is empty or a write goes asynchronous; in the latter case the
     * completion continues the pumping. A write that completes inline loops here instead of
     * recursing, so a long queue cannot grow the stack.
     */
    private void pump(String first) {
        String text = first;
        while (text != null) {
            var write = new Write();
            try {
                remote.sendText(text, result -> completed(write, result));
            } catch (RuntimeException e) {
                fail();
                return;
            }
            synchronized (this) {
                if (!write.done) {
                    write.continuesInCallback = true;
                    return;
                }
                if (failed) return;
                text = next();
            }
        }
    }

    private void completed(Write write, SendResult result) {
        boolean resume;
        synchronized (this) {
            write.done = true;
            if (!result.isOK()) {
                failed = true;
                queue.clear();
                return;
            }
            resume = write.continuesInCallback;
        }
        if (resume) {
            String text;
            synchronized (this) {
                text = next();
            }
            if (text != null) pump(text);
        }
    }

    /** The next text to write, or null after marking the outbox idle. Called holding the lock. */
    private String next() {
        Entry entry = queue.poll();
        if (entry == null) {
            writing = false;
            return null;
        }
        if (entry.counted()) queuedChars -= entry.text().length();
        return entry.text();
    }

    private synchronized void fail() {
        failed = true;
        writing = false;
        queue.clear();
    }

    private static final class Write {
        boolean done;
        boolean continuesInCallback;
    }
}
