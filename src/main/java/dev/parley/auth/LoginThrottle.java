package dev.parley.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing per username: a burst of failed attempts, then one more per interval.
 * Only failures count, so the owner who types their password right is never held up by it
 * unless someone is guessing at their account right now.
 */
public final class LoginThrottle {

    static final int BURST = 10;
    static final Duration REFILL_ONE = Duration.ofSeconds(30);
    private static final int FORGET_ABOVE = 10_000;

    private final ConcurrentHashMap<String, Bucket> failures = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public LoginThrottle(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                var now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Whether another attempt on this username may be checked now. */
    public boolean allows(String username) {
        Bucket bucket = failures.get(key(username));
        return bucket == null || bucket.getAvailableTokens() > 0;
    }

    public void failed(String username) {
        if (failures.size() > FORGET_ABOVE) failures.values().removeIf(b -> b.getAvailableTokens() >= BURST);
        failures.computeIfAbsent(key(username), k -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(1, REFILL_ONE).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static String key(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
