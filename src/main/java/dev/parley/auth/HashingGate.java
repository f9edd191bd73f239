package dev.parley.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds password hashing, which costs tens of milliseconds of a core and 19 MiB each: at most
 * {@code concurrency} at once, as many more waiting up to {@link #WAIT} for a turn, and everyone
 * beyond that refused at once. Unbounded, a few dozen concurrent sign-ins for made-up names took
 * every core and gigabytes of memory from the people already chatting.
 */
public final class HashingGate {

    static final Duration WAIT = Duration.ofMillis(500);
    /** What a refused caller is told: by then the queue has drained a few times over. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** No turn to hash now; retry after {@link #retryAfter}. */
    public static final class Busy extends RuntimeException {
        public final Duration retryAfter = RETRY_AFTER;

        Busy() {
            super("password hashing is at capacity", null, false, false);
        }
    }

    private final Semaphore turns;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public HashingGate(int concurrency) {
        if (concurrency < 1) throw new IllegalArgumentException("at least one hash at a time, got " + concurrency);
        this.turns = new Semaphore(concurrency, true);
        this.maxWaiting = concurrency;
    }

    /** Runs {@code hashing} in a turn. @throws Busy when no turn came within the wait, or the queue is full */
    public <T> T run(Supplier<T> hashing) {
        if (!turns.tryAcquire()) await();
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }

    private void await() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Busy();
        }
        try {
            if (!turns.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) throw new Busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            waiting.decrementAndGet();
        }
    }
}
