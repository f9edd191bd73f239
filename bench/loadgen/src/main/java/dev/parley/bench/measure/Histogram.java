package dev.parley.bench.measure;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, recorded from many threads without locks: exact below 128 µs, then
 * 128 buckets per power of two (under 1 % error). Recording is one atomic increment, so it is
 * cheap enough to run once per delivery.
 */
public final class Histogram {

    private static final int SUB = 7;                 // 2^7 buckets per power of two
    private static final int SUBS = 1 << SUB;
    private static final int SIZE = SUBS + (64 - SUB) * SUBS;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);

    public void recordNanos(long nanos) {
        record(Math.max(0, nanos / 1_000));
    }

    public void record(long micros) {
        counts.incrementAndGet(index(micros));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < SIZE; i++) n += counts.get(i);
        return n;
    }

    /** The value below which the given fraction of recordings lie, in microseconds (0 when empty). */
    public long percentile(double fraction) {
        long total = count();
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += counts.get(i);
            if (seen >= rank) return upper(i);
        }
        return upper(SIZE - 1);
    }

    public long max() {
        for (int i = SIZE - 1; i >= 0; i--) if (counts.get(i) > 0) return upper(i);
        return 0;
    }

    public Summary summary() {
        return new Summary(count(), percentile(0.50), percentile(0.95), percentile(0.99), max());
    }

    static int index(long v) {
        if (v < SUBS) return (int) v;
        int exp = 63 - Long.numberOfLeadingZeros(v);          // >= SUB
        int sub = (int) (v >>> (exp - SUB)) & (SUBS - 1);
        return SUBS + (exp - SUB) * SUBS + sub;
    }

    static long upper(int index) {
        if (index < SUBS) return index;
        int exp = (index - SUBS) / SUBS + SUB;
        long sub = (index - SUBS) % SUBS;
        long low = (1L << exp) | (sub << (exp - SUB));
        return low + (1L << (exp - SUB)) - 1;
    }

    /** Percentiles in microseconds. */
    public record Summary(long count, long p50, long p95, long p99, long max) {
        public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);
    }
}
