package dev.parley.cluster;

import dev.parley.chat.Rate;
import dev.parley.chat.RateLimits;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RateLimits} shared by every instance: Bucket4j buckets in Redis, updated by
 * compare-and-swap, each key expiring once its bucket would be full again. While Redis does not
 * answer, each instance limits on its own ({@link LocalRateLimits}) rather than refusing everyone
 * or letting everyone through.
 */
public final class RedisRateLimits implements RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimits.class);

    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(250);

    private final Redis redis;
    private final String prefix;
    private final ProxyManager<String> buckets;
    private final LocalRateLimits fallback;

    public RedisRateLimits(Redis redis, String prefix, Clock clock) {
        this.redis = redis;
        this.prefix = prefix + "rate:";
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.buckets)
                .clientClock(new ClockTime(clock))
                // A send or a request waits for its bucket: a Redis that stops answering must cost it
                // a fraction of a second, not the connection's full timeout, before the local fallback.
                .requestTimeout(REQUEST_TIMEOUT)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.fallback = new LocalRateLimits(clock);
    }

    @Override
    public Duration take(Rate rate, String key) {
        if (!redis.answering()) return fallback.take(rate, key);
        try {
            ConsumptionProbe probe = bucket(rate, key).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            log.debug("rate limit {} on this instance only: {}", key, e.toString());
            return fallback.take(rate, key);
        }
    }

    @Override
    public Duration peek(Rate rate, String key) {
        if (!redis.answering()) return fallback.peek(rate, key);
        try {
            EstimationProbe probe = bucket(rate, key).estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            log.debug("rate limit {} on this instance only: {}", key, e.toString());
            return fallback.peek(rate, key);
        }
    }

    private BucketProxy bucket(Rate rate, String key) {
        // The rate is part of the key: instances configured differently, or a changed setting, never share a bucket's
        // state.
        return buckets.getProxy(prefix + key + ":" + rate, () -> Buckets.of(rate));
    }
}
