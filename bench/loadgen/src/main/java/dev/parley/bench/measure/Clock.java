package dev.parley.bench.measure;

/** Monotonic nanoseconds since the load generator started: positive, and cheap to print as digits. */
public final class Clock {

    private static final long ORIGIN = System.nanoTime() - 1_000_000_000L;

    private Clock() {}

    public static long now() {
        return System.nanoTime() - ORIGIN;
    }
}
