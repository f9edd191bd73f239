package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The relations between the transport's and the domain's durations hold (they are checked as the classes load). */
class TimingsTest {

    @Test
    void theTransportsTimingsHoldTheirRelations() {
        assertThat(Timings.PING_EVERY).isLessThan(Timings.UNANSWERED);
        assertThat(Timings.UNANSWERED).isLessThan(Timings.IDLE_TIMEOUT);
        assertThat(Timings.PING_EVERY).isLessThan(dev.parley.chat.Timings.ASLEEP_AFTER);
        assertThat(dev.parley.chat.Timings.HEARTBEAT.multipliedBy(2)).isLessThan(dev.parley.chat.Timings.LEASE);
    }

    @Test
    void aBrokenRelationFailsNamingIt() {
        assertThatThrownBy(() -> dev.parley.chat.Timings.require(false, "PING_EVERY < UNANSWERED"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PING_EVERY < UNANSWERED");
    }
}
