package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.Config;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The disk under the SQLite database fills up and is freed again (a 24 MB tmpfs, mounted by the
 * test, which runs as root in CI). While it is full, sends are answered with their message or
 * with {@code retry}; once space is back they succeed by themselves, retries return the
 * originals, and live receivers get everything.
 */
class DiskFullIT {

    @Test
    void aFullDiskCostsRetriesThenEverythingWorksAgainAndNothingIsLostOrDoubled() throws Exception {
        SmallDisk disk;
        try {
            disk = SmallDisk.mount(24);
        } catch (java.io.IOException e) {
            Assumptions.abort("cannot mount a tmpfs here: " + e.getMessage());
            return;
        }
        try (disk;
                var server = TestServer.start(c -> Config.forTests(disk.dir))) {
            var api = new ApiClient(server);
            var author = api.register(new Person("disk-author", "disk-author-secret"));
            var reader = api.register(new Person("disk-reader", "disk-reader-secret"));
            long room = api.createRoom(author, "full", false);
            api.join(reader, room);
            var ledger = new SendLedger("disk");
            try (var sender = LiveClient.json(server, author.accessToken()).ready();
                    var receiver = LiveClient.json(server, reader.accessToken()).ready()) {
                receiver.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 0)));
                ledger.send(sender, room).join();

                disk.fill();
                // What fits in pages SQLite already has still goes in; new pages do not.
                for (int i = 0; i < 400 && ledger.retryAnswers() < 3; i++)
                    ledger.send(sender, room).join();
                assertThat(ledger.retryAnswers())
                        .as("the full disk made sends fail")
                        .isPositive();
                assertThat(ledger.post(api, author, room).status())
                        .as("an HTTP send on a full disk")
                        .isIn(201, 503);

                disk.free();
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(ledger.send(sender, room)
                                        .join()
                                        .path("success")
                                        .asBoolean())
                                .isTrue());
                for (int i = 0; i < 5; i++) {
                    assertThat(ledger.send(sender, room).join().path("success").asBoolean())
                            .isTrue();
                    assertThat(ledger.post(api, author, room).status()).isEqualTo(201);
                }
                ledger.retryAll(sender, room);
                ledger.assertNothingLostOrDoubled(api, reader, room, List.of(receiver));
            }
        }
    }
}
