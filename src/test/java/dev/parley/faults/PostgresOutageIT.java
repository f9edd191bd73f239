package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under a running instance: its backends are terminated, then it refuses
 * connections for a while. Sends are answered with their message or with {@code retry}; the
 * instance recovers by itself, {@code /readyz} says 503 while writes cannot go through, retries
 * return the originals, and live receivers get everything.
 */
class PostgresOutageIT {

    private PostgresDatabase database;
    private TestServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        database = PostgresDatabase.create();
        server = TestServer.start(c -> c.withDatabaseUrl(database.url()));
        api = new ApiClient(server);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            database.execute("ALTER DATABASE " + database.name + " ALLOW_CONNECTIONS true");
            server.close();
        } finally {
            database.close();
        }
    }

    @Test
    void terminatedBackendsAndRefusedConnectionsCostRetriesThenEverythingWorksAgainAndNothingIsLostOrDoubled()
            throws Exception {
        var author = api.register(new Person("pg-author", "pg-author-secret"));
        var reader = api.register(new Person("pg-reader", "pg-reader-secret"));
        long room = api.createRoom(author, "outage", false);
        api.join(reader, room);
        var ledger = new SendLedger("pg");
        try (var sender = LiveClient.json(server, author.accessToken()).ready();
                var receiver = LiveClient.json(server, reader.accessToken()).ready()) {
            receiver.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 0)));
            ledger.send(sender, room).join();

            // Every backend of the database killed, again and again, while sends go on.
            var during = new ArrayList<CompletableFuture<?>>();
            for (int i = 0; i < 8; i++) {
                during.add(ledger.send(sender, room));
                during.add(ledger.postAsync(api, author, room));
                terminateBackends();
                Thread.sleep(250);
            }
            CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).join();

            // Then no connections at all for 6 s.
            database.execute("ALTER DATABASE " + database.name + " ALLOW_CONNECTIONS false");
            terminateBackends();
            long refusedAt = System.nanoTime();
            // Each of these waits for a connection, up to the pool's 10 s: a few are enough.
            during.add(ledger.send(sender, room));
            during.add(ledger.postAsync(api, author, room));
            during.add(ledger.postAsync(api, author, room));
            boolean notReady = false;
            while (Duration.ofNanos(System.nanoTime() - refusedAt).toMillis() < 6_000) {
                Reply ready = ApiClient.send(
                        api.request("/readyz").timeout(Duration.ofSeconds(2)).GET());
                if (ready.status() == 503) notReady = true;
                Thread.sleep(250);
            }
            assertThat(notReady)
                    .as("/readyz said 503 while connections were refused")
                    .isTrue();
            database.execute("ALTER DATABASE " + database.name + " ALLOW_CONNECTIONS true");
            CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).join();

            await().atMost(Duration.ofSeconds(15))
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
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ApiClient.send(api.request("/readyz").GET()).status() == 200);
            System.out.printf(
                    "%d sends answered retry, %d confirmed%n", ledger.retryAnswers(), ledger.confirmedCount());
            ledger.retryAll(sender, room);
            ledger.assertNothingLostOrDoubled(api, reader, room, List.of(receiver));
        }
    }

    private void terminateBackends() throws Exception {
        database.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name + "'");
    }
}
