package dev.parley.bench.measure;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop sending at a fixed rate, round-robin over its slots, from one thread. A message is
 * stamped with the time it was due, not the time it left, so a load generator that falls behind
 * shows up as latency (and as {@link #maxLagMicros}) instead of hiding it.
 */
public final class Pacer implements Runnable {

    private final List<Slot> slots;
    private final double perSecond;
    private final long durationNanos;
    private final Ledger ledger;
    private volatile long maxLagNanos;
    private volatile long sent;

    public Pacer(List<Slot> slots, double perSecond, double seconds, Ledger ledger) {
        this.slots = slots;
        this.perSecond = perSecond;
        this.durationNanos = (long) (seconds * 1e9);
        this.ledger = ledger;
    }

    @Override
    public void run() {
        if (slots.isEmpty() || perSecond <= 0) return;
        double interval = 1e9 / perSecond;
        long start = Clock.now();
        long lag = 0;
        for (long k = 0; ; k++) {
            long due = start + (long) (k * interval);
            if (due - start >= durationNanos) break;
            long now = Clock.now();
            if (due - now > 20_000) {
                LockSupport.parkNanos(due - now);
            } else {
                lag = Math.max(lag, now - due);
            }
            Slot slot = slots.get((int) (k % slots.size()));
            long id = ledger.book(slot.socket().user, slot.receivers(), due);
            if (id < 0) break;
            slot.socket().sendMessage(slot.roomId(), Marker.content(id, slot.socket().user, due), id);
            sent = k + 1;
        }
        maxLagNanos = lag;
    }

    public long maxLagMicros() { return maxLagNanos / 1_000; }
    public long sent() { return sent; }

    public static Thread start(Pacer p, String name) {
        Thread t = new Thread(p, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
