package dev.parley.util;

/**
 * Microseconds since the epoch, cheaply: the wall clock read once, then advanced by the monotonic
 * clock, so that stamping a frame allocates nothing. Comparable across instances as far as their
 * clocks agree (NTP keeps them within about a millisecond); a step of the system clock after start
 * is not followed.
 */
public final class WallClock {

    private static final long START_NANOS = System.nanoTime();
    private static final long START_MICROS = epochMicros(java.time.Instant.now());

    private WallClock() {}

    public static long micros() {
        return START_MICROS + (System.nanoTime() - START_NANOS) / 1000;
    }

    public static long epochMicros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
