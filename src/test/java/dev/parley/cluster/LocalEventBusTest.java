package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.EventBus;
import org.junit.jupiter.api.Test;

class LocalEventBusTest extends EventBusContract {

    @Override
    protected EventBus newBus() {
        return new LocalEventBus();
    }

    @Test
    void aSingleInstanceLosesNothingSoNothingNeedsHealing() {
        assertThat(bus().spansInstances()).isFalse();
    }
}
