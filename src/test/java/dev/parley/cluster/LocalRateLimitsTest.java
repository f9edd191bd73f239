package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.RateLimits;
import org.junit.jupiter.api.Test;

class LocalRateLimitsTest extends RateLimitsContract {

    private final LocalRateLimits limits = new LocalRateLimits(clock);

    @Override
    RateLimits limits() {
        return limits;
    }

    @Test
    void bucketsNobodyUsedLatelyAreForgottenWhenThereAreMany() throws InterruptedException {
        for (int i = 0; i <= LocalRateLimits.FORGET_ABOVE; i++)
            limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, "address-" + i);
        clock.advance(java.time.Duration.ofMinutes(5));
        Thread.sleep(1_100);
        limits.take(TWO_A_MINUTE_BURSTS_OF_FIVE, "one more");
        assertThat(limits.size()).isLessThan(10);
    }
}
