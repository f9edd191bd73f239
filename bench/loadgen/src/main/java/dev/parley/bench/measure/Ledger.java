package dev.parley.bench.measure;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The books of one measured step: every message sent in it (id = ack id = base + index), how many
 * sockets should get it, how many did, and the latencies. Written concurrently by the sender and
 * by every receiving thread; read once the step has drained.
 */
public final class Ledger {

    public static final int PENDING = 0, OK = 1, FAILED = 2;

    public final long base;
    private final int capacity;
    private final int flooder;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray sentAt;
    private final AtomicIntegerArray expected;
    private final AtomicIntegerArray received;
    private final AtomicIntegerArray ack;
    private final boolean[] flood;
    private final Histogram latency = new Histogram();
    private final Histogram floodLatency = new Histogram();
    private final Histogram ackLatency = new Histogram();
    private final Histogram floodAckLatency = new Histogram();
    private final Histogram[] byInstance = {new Histogram(), new Histogram()};
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder floodDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private volatile String firstFailure;
    private int settledPrefix;

    /** @param flooder the user whose messages are counted apart (the flooding scenario), or -1 */
    public Ledger(long base, int capacity, int flooder) {
        this.base = base;
        this.capacity = capacity;
        this.flooder = flooder;
        this.sentAt = new AtomicLongArray(capacity);
        this.expected = new AtomicIntegerArray(capacity);
        this.received = new AtomicIntegerArray(capacity);
        this.ack = new AtomicIntegerArray(capacity);
        this.flood = new boolean[capacity];
    }

    /** Books a message about to be sent; returns its id, or -1 when the step is full. */
    public long book(int sender, int receivers, long now) {
        int i = next.getAndIncrement();
        if (i >= capacity) {
            next.set(capacity);
            return -1;
        }
        sentAt.set(i, now);
        expected.set(i, receivers);
        flood[i] = sender == flooder;
        return base + i;
    }

    public void delivered(long id, int sender, long sentAtNanos, long now, SeenSet seen, int instance) {
        int i = (int) (id - base);
        if (i < 0 || i >= capacity) {
            strays.increment();
            return;
        }
        if (!seen.add(base, i)) {
            duplicates.increment();
            return;
        }
        received.incrementAndGet(i);
        if (sender == flooder) {
            floodDeliveries.increment();
            floodLatency.recordNanos(now - sentAtNanos);
        } else {
            deliveries.increment();
            latency.recordNanos(now - sentAtNanos);
            byInstance[Math.min(instance, byInstance.length - 1)].recordNanos(now - sentAtNanos);
        }
    }

    /** @return true when the ack belonged to this step */
    public boolean acked(long id, boolean ok, long now, String frameIfFailed) {
        int i = (int) (id - base);
        if (i < 0 || i >= capacity) return false;
        if (!ack.compareAndSet(i, PENDING, ok ? OK : FAILED)) return true;
        if (ok) (flood[i] ? floodAckLatency : ackLatency).recordNanos(now - sentAt.get(i));
        else if (firstFailure == null) firstFailure = frameIfFailed;
        return true;
    }

    public int booked() {
        return Math.min(next.get(), capacity);
    }

    /**
     * Everything acked and delivered: the step may stop draining early. Called by one thread;
     * messages settle roughly in order, so each call resumes where the last one stopped.
     */
    public boolean settled() {
        int n = booked();
        for (; settledPrefix < n; settledPrefix++) {
            int i = settledPrefix;
            int a = ack.get(i);
            if (a == PENDING) return false;
            if (a == OK && received.get(i) < expected.get(i)) return false;
        }
        return true;
    }

    public Counts counts() {
        int n = booked();
        long acked = 0, failed = 0, unacked = 0, expectedTotal = 0, lost = 0, floodSent = 0, floodAcked = 0;
        for (int i = 0; i < n; i++) {
            int a = ack.get(i);
            if (flood[i]) {
                floodSent++;
                if (a == OK) floodAcked++;
                continue;
            }
            if (a == OK) {
                acked++;
                expectedTotal += expected.get(i);
                lost += Math.max(0, expected.get(i) - received.get(i));
            } else if (a == FAILED) {
                failed++;
            } else {
                unacked++;
            }
        }
        return new Counts(n - floodSent, acked, failed, unacked, expectedTotal, deliveries.sum(), lost,
                duplicates.sum(), strays.sum(), floodSent, floodAcked, floodDeliveries.sum(), firstFailure);
    }

    public Histogram latency() { return latency; }
    public Histogram floodLatency() { return floodLatency; }
    public Histogram ackLatency() { return ackLatency; }
    /** Latency seen by sockets on one instance (0 or 1; higher instances count as 1). */
    public Histogram latencyOn(int instance) { return byInstance[Math.min(instance, byInstance.length - 1)]; }

    /** Totals of a drained step. Flood messages are counted apart from everyone else's. */
    public record Counts(long sent, long acked, long failed, long unacked, long expected, long delivered,
                         long lost, long duplicates, long late, long floodSent, long floodAcked,
                         long floodDelivered, String firstFailure) {}
}
