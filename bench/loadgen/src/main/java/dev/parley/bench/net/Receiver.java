package dev.parley.bench.net;

import dev.parley.bench.measure.Ledger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where every socket of one run reports: the current step's ledger (swapped between steps),
 * closes by code, and an optional hook for closed-loop senders that send again on each ack.
 */
public final class Receiver {

    /** Called after an ack of a measured send has been booked. */
    public interface AckHook {
        void acked(ChatSocket socket, long id, boolean ok);
    }

    private volatile Ledger ledger = new Ledger(Long.MAX_VALUE / 2, 0, -1);
    private volatile AckHook hook;
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final LongAdder unreadable = new LongAdder();

    public Ledger ledger() { return ledger; }
    public void ledger(Ledger l) { ledger = l; }
    public void hook(AckHook h) { hook = h; }

    void acked(ChatSocket socket, long id, boolean ok, long now, String failedFrame) {
        ledger.acked(id, ok, now, failedFrame);
        AckHook h = hook;
        if (h != null) h.acked(socket, id, ok);
    }

    void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void unreadable(RuntimeException e) {
        unreadable.increment();
    }

    /** Sockets closed so far, by close code, e.g. {@code 1006×500}; empty when none closed. */
    public String closes() {
        StringBuilder sb = new StringBuilder();
        closes.forEach((code, n) -> sb.append(sb.length() == 0 ? "" : " ").append(code).append('×').append(n.sum()));
        return sb.toString();
    }

    public long closedCount() {
        return closes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long unreadableCount() {
        return unreadable.sum();
    }
}
