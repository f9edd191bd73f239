package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code /readyz} turns 503 while writes cannot go through, naming why, without waiting for the
 * database itself, and 200 again once they can; {@code /healthz} stays 200 throughout.
 */
class ReadyzIT {

    @Test
    void readyzIsFalseWithinTwoSecondsOfWritesFailingAndTrueAgainAfterAndAlwaysAnswersAtOnce() throws Exception {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            assertThat(readyz(api).status()).isEqualTo(200);

            long notReadyAfterMs;
            try (var lock = OutsideWriteLock.take(server.dataDir.resolve("parley.db"))) {
                Reply reply = readyz(api);
                while (reply.status() == 200 && lock.heldMillis() < 10_000) {
                    Thread.sleep(50);
                    reply = readyz(api);
                }
                notReadyAfterMs = lock.heldMillis();
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.body()).contains("database writes");
                // A write fails only once it has waited the 5 s busy timeout: readiness knew before.
                assertThat(notReadyAfterMs).as("ms from the lock to 503").isLessThan(5_000 + 2_000);
                System.out.printf("/readyz said 503 %d ms after the lock was taken: %s", notReadyAfterMs, reply.body());
                while (lock.heldMillis() < 8_000) {
                    assertThat(readyz(api).status()).isEqualTo(503);
                    assertThat(healthz(api).status()).isEqualTo(200);
                    Thread.sleep(200);
                }
            }
            long released = System.nanoTime();
            while (readyz(api).status() != 200) {
                assertThat(Duration.ofNanos(System.nanoTime() - released))
                        .as("ready again")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(50);
            }
            System.out.printf(
                    "ready again %d ms after the lock was released%n",
                    Duration.ofNanos(System.nanoTime() - released).toMillis());
        }
    }

    /** Every answer within 2 s, the promise the README makes. */
    private static Reply readyz(ApiClient api) {
        return ApiClient.send(
                api.request("/readyz").timeout(Duration.ofSeconds(2)).GET());
    }

    private static Reply healthz(ApiClient api) {
        return ApiClient.send(
                api.request("/healthz").timeout(Duration.ofSeconds(2)).GET());
    }
}
