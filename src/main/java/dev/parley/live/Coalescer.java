package dev.parley.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces out the writes of busy sockets. A socket that wrote less than a window ago does not
 * write a shared event at once: it waits here for the next flush, at most one window later, and
 * whatever reached it meanwhile leaves in one write.
 *
 * <p>On loopback and on a LAN a write costs the kernel far more than the bytes it carries, so in a
 * busy room this turns several writes per socket into one and lets one core serve several times
 * the deliveries. A socket that was quiet for a window still writes at once: a conversation at
 * human pace never waits. Replies to a client's own frames never wait either ({@link Outbox}).
 *
 * <p>One thread flushes for the whole instance; with a window of zero there is no thread and
 * every event is written at once.
 */
final class Coalescer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private List<Outbox> waiting = new ArrayList<>();
    private List<Outbox> flushing = new ArrayList<>();
    private final Thread flusher;
    private volatile boolean closed;

    /** A coalescer whose own thread flushes every window; none when the window is zero. */
    static Coalescer start(Duration window) {
        return new Coalescer(window, System::nanoTime, true);
    }

    /** A coalescer without a thread, on a clock of the caller's: {@link #flush} runs when the caller says. */
    static Coalescer byHand(Duration window, LongSupplier nanoTime) {
        return new Coalescer(window, nanoTime, false);
    }

    private Coalescer(Duration window, LongSupplier nanoTime, boolean threaded) {
        if (window.isNegative()) throw new IllegalArgumentException("negative window " + window);
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        if (threaded && windowNanos > 0) {
            flusher = new Thread(this::run, "parley-coalescer");
            flusher.setDaemon(true);
            flusher.start();
        } else {
            flusher = null;
        }
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** When a socket that never wrote counts as having last written: long enough ago to write at once. */
    long longAgo() {
        return now() - windowNanos;
    }

    /** Whether a socket that last wrote at {@code lastWrite} may write at {@code now}. */
    boolean mayWrite(long lastWrite, long now) {
        return now - lastWrite >= windowNanos;
    }

    /** Takes an outbox that holds frames back until the next flush. */
    void later(Outbox outbox) {
        synchronized (lock) {
            waiting.add(outbox);
            if (waiting.size() == 1) lock.notifyAll();
        }
    }

    /** Writes what every waiting outbox holds; returns how many outboxes it flushed. One flush at a time. */
    synchronized int flush() {
        List<Outbox> due;
        synchronized (lock) {
            if (waiting.isEmpty()) return 0;
            due = waiting;
            waiting = flushing;
            flushing = due;
        }
        for (Outbox outbox : due) {
            try {
                outbox.flush();
            } catch (RuntimeException e) {
                log.warn("flushing a socket failed", e);
            }
        }
        int flushed = due.size();
        due.clear();
        return flushed;
    }

    private void run() {
        while (!closed) {
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (closed) return;
                    }
                }
            }
            // The first socket to wait opened the window; gather for its length, then write everything at once.
            LockSupport.parkNanos(windowNanos);
            flush();
        }
    }

    /** Stops the thread after writing whatever waits. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (flusher != null) {
            LockSupport.unpark(flusher);
            try {
                flusher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }
}
