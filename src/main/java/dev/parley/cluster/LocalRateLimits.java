package dev.parley.cluster;

import dev.parley.chat.Rate;
import dev.parley.chat.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RateLimits} of one instance: Bucket4j buckets in memory. When there are many, the full
 * ones — nobody used them lately — are forgotten, so keys chosen by strangers (addresses,
 * usernames) cannot grow memory without end.
 */
public final class LocalRateLimits implements RateLimits {

    static final int FORGET_ABOVE = 50_000;

    private record Key(Rate rate, String name) {}

    private final ConcurrentHashMap<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final ClockTime time;
    private final java.util.concurrent.atomic.AtomicLong sweptAt =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    public LocalRateLimits(Clock clock) {
        this.time = new ClockTime(clock);
    }

    @Override
    public Duration take(Rate rate, String key) {
        ConsumptionProbe probe = bucket(rate, key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    public Duration peek(Rate rate, String key) {
        Bucket bucket = buckets.get(new Key(rate, key));
        if (bucket == null) return Duration.ZERO;
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    int size() {
        return buckets.size();
    }

    private Bucket bucket(Rate rate, String key) {
        if (buckets.size() > FORGET_ABOVE) forgetFull();
        return buckets.computeIfAbsent(
                new Key(rate, key),
                k -> Bucket.builder()
                        .addLimit(Buckets.of(rate).getBandwidths()[0])
                        .withCustomTimePrecision(time)
                        .build());
    }

    /** At most once a second: when every bucket is busy, sweeping on each call would cost more than it frees. */
    private void forgetFull() {
        long last = sweptAt.get();
        if (System.nanoTime() - last < 1_000_000_000L || !sweptAt.compareAndSet(last, System.nanoTime())) return;
        buckets.entrySet()
                .removeIf(e ->
                        e.getValue().getAvailableTokens() >= e.getKey().rate().burst());
    }
}
