package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.Rate;
import dev.parley.chat.RateLimits;
import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimits} must do, on a clock the test moves. */
abstract class RateLimitsContract {

    static final Rate TWO_A_MINUTE_BURSTS_OF_FIVE = new Rate(2, Duration.ofMinutes(1), 5);

    final MutableClock clock = MutableClock.now();

    /** The implementation under test, reading {@link #clock}. */
    abstract RateLimits limits();

    static String key() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void aBurstIsTakenThenEachRefusalSaysHowLongUntilTheNextToken() {
        RateLimits limits = limits();
        String key = key();
        for (int i = 0; i < 5; i++)
            assertThat(limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key))
                    .as("token %d", i)
                    .isZero();
        Duration wait = limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        clock.advance(wait);
        assertThat(limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isZero();
        assertThat(limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
    }

    @Test
    void peekingNeverTakes() {
        RateLimits limits = limits();
        String key = key();
        for (int i = 0; i < 20; i++)
            assertThat(limits.peek(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isZero();
        for (int i = 0; i < 5; i++) limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key);
        assertThat(limits.peek(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
    }

    @Test
    void keysAndRatesAreSeparateBuckets() {
        RateLimits limits = limits();
        String key = key();
        for (int i = 0; i < 5; i++) limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key);
        assertThat(limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
        assertThat(limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key())).isZero();
        assertThat(limits.take(new Rate(1, Duration.ofHours(1), 1), key)).isZero();
    }
}
