package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.RateLimits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisRateLimitsIT extends RateLimitsContract {

    private static SharedRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = SharedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private final String prefix = SharedRedis.freshPrefix();

    @Override
    RateLimits limits() {
        return new RedisRateLimits(redis.one, prefix, clock);
    }

    @Test
    void twoInstancesDrawOnOneBucket() {
        var one = new RedisRateLimits(redis.one, prefix, clock);
        var two = new RedisRateLimits(redis.two, prefix, clock);
        String key = key();
        for (int i = 0; i < 3; i++)
            assertThat(one.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isZero();
        for (int i = 0; i < 2; i++)
            assertThat(two.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isZero();
        assertThat(two.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
        assertThat(one.peek(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
    }

    @Test
    void whileRedisDoesNotAnswerEachInstanceLimitsOnItsOwnInsteadOfRefusingEveryone() {
        var one = new RedisRateLimits(redis.one, prefix, clock);
        String key = key();
        redis.server.pause();
        try {
            long start = System.nanoTime();
            assertThat(one.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key()))
                    .as("before the pause is noticed, within the request timeout")
                    .isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(RedisRateLimits.REQUEST_TIMEOUT.plusMillis(400));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !redis.one.answering());
            start = System.nanoTime();
            for (int i = 0; i < 5; i++)
                assertThat(one.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isZero();
            assertThat(one.take(TWO_A_MINUTE_BURSTS_OF_FIVE, key)).isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SharedRedis.FAST);
        } finally {
            redis.server.resume();
            redis.awaitAnswering();
        }
    }
}
