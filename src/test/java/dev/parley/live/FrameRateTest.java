package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FrameRate rate = new FrameRate(50, now::get);

    private int allowedOf(int frames) {
        int allowed = 0;
        for (int i = 0; i < frames; i++) if (rate.allow()) allowed++;
        return allowed;
    }

    @Test
    void aBurstOfFiveSecondsWorthPassesThenFramesAreRefused() {
        assertThat(allowedOf(400)).isEqualTo(250);
        assertThat(rate.allow()).isFalse();
    }

    @Test
    void tokensComeBackAtTheAverageRate() {
        allowedOf(250);
        now.addAndGet(200_000_000L);
        assertThat(allowedOf(100)).isEqualTo(10);
        now.addAndGet(19_000_000L);
        assertThat(rate.allow()).isFalse();
        now.addAndGet(1_000_000L);
        assertThat(rate.allow()).isTrue();
    }

    @Test
    void aLongSilenceRefillsNoMoreThanOneBurst() {
        allowedOf(250);
        now.addAndGet(3_600_000_000_000L);
        assertThat(allowedOf(400)).isEqualTo(250);
    }
}
