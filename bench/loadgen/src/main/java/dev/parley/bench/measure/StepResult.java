package dev.parley.bench.measure;

/**
 * What one measured step gave: traffic offered and achieved, losses, latencies (µs), and where the
 * CPU went. CPU percentages are of one core, and the kernel shares say how much of each side's CPU
 * was system time; {@code othersCpuPct} is what every other process on the machine used meanwhile
 * (a shared machine's noise, or the unpinned PostgreSQL). {@code serverUsPerDelivery} divides the
 * servers' CPU time by the deliveries counted (to non-senders only).
 */
public record StepResult(
        String target, String label, double offeredPerSec, double seconds,
        long sent, long acked, long failed, long unacked,
        long expected, long delivered, long lost, long duplicates, long late,
        double deliveriesPerSec, double ackedPerSec,
        Histogram.Summary latency, Histogram.Summary ack,
        long serverCpuMicros, double serverCpuPct, double loadgenCpuPct, double serverUsPerDelivery,
        double serverUsPerMessage, long maxLagMicros, String closes,
        long floodSent, long floodAcked, long floodDelivered, Histogram.Summary floodLatency,
        String firstFailure, boolean pass, String verdict,
        java.util.List<Histogram.Summary> latencyByInstance, double serverKernelShare, double loadgenKernelShare,
        double othersCpuPct) {

    /** p99 budget of a sustainable step. */
    public static final long P99_LIMIT_MICROS = 100_000;
}
