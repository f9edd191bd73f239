package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An operator's {@code sqlite3} shell holds the write lock longer than the busy timeout (5 s).
 * Sends meanwhile are answered with their message or with {@code retry}, never refused while
 * stored; once the lock is gone the next sends succeed by themselves, retries return the
 * originals, and live receivers get everything.
 */
class SqliteWriteLockIT {

    static final long HOLD_MS = 7_500;

    @Test
    void aWriteLockHeldPastTheBusyTimeoutCostsRetriesThenEverythingWorksAgainAndNothingIsLostOrDoubled()
            throws Exception {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            var author = api.register(new Person("lock-author", "lock-author-secret"));
            var reader = api.register(new Person("lock-reader", "lock-reader-secret"));
            long room = api.createRoom(author, "locked", false);
            api.join(reader, room);
            var ledger = new SendLedger("lock");
            try (var sender = LiveClient.json(server, author.accessToken()).ready();
                    var receiver = LiveClient.json(server, reader.accessToken()).ready()) {
                receiver.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 0)));
                ledger.send(sender, room).join();

                var during = new ArrayList<CompletableFuture<?>>();
                try (var lock = OutsideWriteLock.take(server.dataDir.resolve("parley.db"))) {
                    while (lock.heldMillis() < HOLD_MS) {
                        during.add(ledger.send(sender, room));
                        during.add(ledger.postAsync(api, author, room));
                        Thread.sleep(500);
                    }
                }
                CompletableFuture.allOf(during.toArray(CompletableFuture[]::new))
                        .join();
                assertThat(ledger.retryAnswers())
                        .as("the lock made some sends time out")
                        .isPositive();

                // Recovered by itself: new sends go through, over the socket and over HTTP.
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
                assertThat(api.register(new Person("after-lock", "after-lock-secret"))
                                .accessToken())
                        .isNotBlank();

                ledger.retryAll(sender, room);
                ledger.assertNothingLostOrDoubled(api, reader, room, List.of(receiver));
            }
        }
    }
}
