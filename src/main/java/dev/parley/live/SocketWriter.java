package dev.parley.live;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that writes the events sockets share. A room's fan-out runs under the room's lock,
 * and a write costs the kernel far more than the bytes it carries; so the fan-out only queues an
 * event on each socket's {@link Outbox} (a cheap step) and hands the socket over here, and this
 * thread writes it. While it writes some sockets, events pile up on the others, and each of
 * those leaves in one write: batching that grows with the load, without a timer, and that costs
 * an idle instance nothing. Replies to a client's own frames do not come here: the caller writes
 * them at once ({@link Outbox#offerAtOnce}).
 */
final class SocketWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketWriter.class);

    private final Object lock = new Object();
    private List<Outbox> waiting = new ArrayList<>();
    private List<Outbox> writing = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    /** Counts and times what the sockets write. */
    final LiveMeters meters;

    /** A writer with its own thread. */
    static SocketWriter start() {
        return start(LiveMeters.none());
    }

    static SocketWriter start(LiveMeters meters) {
        return new SocketWriter(true, meters);
    }

    /** A writer without a thread: {@link #writeWaiting} runs when the caller says (tests). */
    static SocketWriter byHand() {
        return byHand(LiveMeters.none());
    }

    static SocketWriter byHand(LiveMeters meters) {
        return new SocketWriter(false, meters);
    }

    private SocketWriter(boolean threaded, LiveMeters meters) {
        this.meters = meters;
        if (threaded) {
            thread = new Thread(this::run, "parley-socket-writer");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** Takes an outbox that holds events to write. */
    void later(Outbox outbox) {
        synchronized (lock) {
            waiting.add(outbox);
            if (waiting.size() == 1) lock.notifyAll();
        }
    }

    /** Writes what every waiting outbox holds; returns how many outboxes it wrote. One call at a time. */
    synchronized int writeWaiting() {
        List<Outbox> batch;
        synchronized (lock) {
            if (waiting.isEmpty()) return 0;
            batch = waiting;
            waiting = writing;
            writing = batch;
        }
        for (Outbox outbox : batch) {
            try {
                outbox.flush();
            } catch (RuntimeException e) {
                log.warn("writing to a socket failed", e);
            }
        }
        int written = batch.size();
        batch.clear();
        return written;
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (lock) {
                    while (waiting.isEmpty() && !closed) lock.wait();
                }
                writeWaiting();
            } catch (InterruptedException e) {
                if (closed) return;
            } catch (RuntimeException | Error e) {
                log.error("the socket writer failed a round; it goes on", e);
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
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeWaiting();
    }
}
