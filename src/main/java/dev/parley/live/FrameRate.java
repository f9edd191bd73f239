package dev.parley.live;

import java.util.function.LongSupplier;

/**
 * How many frames a socket may send: {@code perSecond} on average, in bursts of five seconds'
 * worth. A token bucket in two fields, since every socket has one and every frame asks it.
 */
final class FrameRate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacity;
    private final long nanosPerToken;
    /** Tokens are counted in nanoseconds of refill: full when {@code credit} reaches capacity × nanosPerToken. */
    private final LongSupplier nanoTime;

    private long credit;
    private long refilledAt;

    FrameRate(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    FrameRate(int perSecond, LongSupplier nanoTime) {
        this.capacity = perSecond * 5L;
        this.nanosPerToken = NANOS_PER_SECOND / perSecond;
        this.nanoTime = nanoTime;
        this.credit = capacity * nanosPerToken;
        this.refilledAt = nanoTime.getAsLong();
    }

    synchronized boolean allow() {
        return take() == 0;
    }

    /** Takes one frame's token: 0 when taken, else how many nanoseconds until one is there. */
    synchronized long take() {
        long now = nanoTime.getAsLong();
        credit = Math.min(capacity * nanosPerToken, credit + (now - refilledAt));
        refilledAt = now;
        if (credit < nanosPerToken) return nanosPerToken - credit;
        credit -= nanosPerToken;
        return 0;
    }
}
