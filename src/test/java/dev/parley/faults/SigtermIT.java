package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service manager's stop (SIGTERM) drains the instance and exits 0, so the unit does not show as failed. */
class SigtermIT {

    @Test
    void sigtermDrainsAndExitsZero() {
        try (var instance = ParleyProcess.start(Map.of())) {
            instance.terminate();
            assertThat(instance.isAlive()).isFalse();
            assertThat(instance.exitCode())
                    .as("exit code; the log:%n%s", instance.log())
                    .isZero();
            assertThat(instance.log()).contains("stopped").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        }
    }
}
