package dev.parley.bench.measure;

import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop sending for throughput: each slot keeps up to {@code window} messages waiting for
 * their ack, and sends at most {@code perSocket} per second (under Parley's per-socket limit). The
 * acked rate it reaches is what the server sustains, unless every socket sits at its cap.
 */
public final class WindowSender implements Step.Traffic {

    private final List<Slot> slots;
    private final int window;
    private final long gapNanos;
    private final double seconds;
    private final Receiver receiver;

    public WindowSender(List<Slot> slots, int window, double perSocket, double seconds, Receiver receiver) {
        this.slots = slots;
        this.window = window;
        this.gapNanos = (long) (1e9 / perSocket);
        this.seconds = seconds;
        this.receiver = receiver;
    }

    public double cap() {
        return slots.size() * 1e9 / gapNanos;
    }

    @Override
    public long run(Ledger ledger) {
        Map<ChatSocket, AtomicInteger> inflight = new IdentityHashMap<>();
        for (Slot s : slots) inflight.put(s.socket(), new AtomicInteger());
        receiver.hook((socket, id, ok) -> {
            AtomicInteger n = inflight.get(socket);
            if (n != null) n.decrementAndGet();
        });
        long[] next = new long[slots.size()];
        long start = Clock.now(), end = start + (long) (seconds * 1e9);
        for (long now = start; now < end; now = Clock.now()) {
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                AtomicInteger n = inflight.get(slot.socket());
                if (next[i] > now || n.get() >= window) continue;
                long id = ledger.book(slot.socket().user, slot.receivers(), now);
                if (id < 0) return 0;
                n.incrementAndGet();
                slot.socket().sendMessage(slot.roomId(), Marker.content(id, slot.socket().user, now), id);
                next[i] = Math.max(next[i] + gapNanos, now - gapNanos);
            }
            LockSupport.parkNanos(200_000);
        }
        return 0;
    }
}
