package dev.parley.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces out the writes of busy sockets. A socket that wrote less than a window ago does not
 * write a shared event at once: it waits here until a window has passed since its last write, and
 * whatever reached it meanwhile leaves in one write. So a busy socket writes at most once per
 * window, and an event waits less than a window.
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
    /** An outbox holding frames back, and when a window will have passed since its last write. */
    private record Waiting(Outbox outbox, long due) {}

    private List<Waiting> waiting = new ArrayList<>();
    private List<Waiting> flushing = new ArrayList<>();
    /** When the first of the waiting outboxes is due. Guarded by {@code lock}. */
    private long due = Long.MAX_VALUE;
    private final Thread flusher;
    private volatile boolean closed;

    /** A coalescer whose own thread flushes every window; none when the window is zero. */
    static Coalescer start(Duration window) {
        return start(window, System::nanoTime);
    }

    static Coalescer start(Duration window, LongSupplier nanoTime) {
        return new Coalescer(window, nanoTime, true);
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

    /** Takes an outbox that holds frames back until a window after its last write. */
    void later(Outbox outbox, long lastWrite) {
        wait(new Waiting(outbox, lastWrite + windowNanos));
    }

    private void wait(Waiting w) {
        synchronized (lock) {
            waiting.add(w);
            if (waiting.size() == 1 || w.due - due < 0) {
                due = w.due;
                lock.notifyAll();
            }
        }
    }

    /**
     * Writes what the waiting outboxes that are due hold (all of them once closed); the others
     * keep waiting. Returns how many it flushed. One flush at a time.
     */
    synchronized int flush() {
        List<Waiting> batch;
        synchronized (lock) {
            if (waiting.isEmpty()) return 0;
            due = Long.MAX_VALUE;
            batch = waiting;
            waiting = flushing;
            flushing = batch;
        }
        long now = now();
        int flushed = 0;
        for (Waiting w : batch) {
            if (!closed && w.due - now > 0) {
                wait(w);
                continue;
            }
            try {
                w.outbox.flush();
            } catch (RuntimeException e) {
                log.warn("flushing a socket failed", e);
            }
            flushed++;
        }
        batch.clear();
        return flushed;
    }

    /** Sleeps until the first waiting outbox is due, then writes the ones due. Nothing but closing stops it. */
    private void run() {
        while (!closed) {
            try {
                awaitDue();
                flush();
            } catch (InterruptedException e) {
                if (closed) return;
            } catch (RuntimeException | Error e) {
                log.error("the coalescer failed a flush; it goes on", e);
            }
        }
    }

    private void awaitDue() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                if (waiting.isEmpty()) {
                    lock.wait();
                    continue;
                }
                long nanos = due - now();
                if (nanos <= 0) return;
                TimeUnit.NANOSECONDS.timedWait(lock, nanos);
            }
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
            try {
                flusher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }
}
