package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = MutableClock.now();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aBurstOfFailuresIsAllowedThenOnePerInterval() {
        for (int i = 0; i < LoginThrottle.BURST; i++) {
            assertThat(throttle.allows("alice")).isTrue();
            throttle.failed("alice");
        }
        assertThat(throttle.allows("alice")).isFalse();

        clock.advance(LoginThrottle.REFILL_ONE);
        assertThat(throttle.allows("alice")).isTrue();
        throttle.failed("alice");
        assertThat(throttle.allows("alice")).isFalse();
    }

    @Test
    void eachUsernameHasItsOwnLimitRegardlessOfCase() {
        for (int i = 0; i < LoginThrottle.BURST; i++) throttle.failed("Alice");
        assertThat(throttle.allows("ALICE")).isFalse();
        assertThat(throttle.allows("bob")).isTrue();
    }
}
