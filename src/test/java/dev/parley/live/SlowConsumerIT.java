package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops reading costs a bounded queue and is then let go with 1013, so it never
 * slows the others; it comes back with a sync (the newest of what it missed, as much as the queue
 * holds) and the history (the rest), and misses nothing.
 */
class SlowConsumerIT extends OneServer {

    /** What one message costs on the wire: its content as typed and once more escaped ("<&>" becomes 13 characters), plus JSON. */
    static final int WIRE_CHARS = 3900 + 1300 * 13 + 300;
    /** What the socket buffers between the two ends hold before the server's writes back up (about 4 MB here). */
    static final int SOCKET_BUFFERS = 5 << 20;
    /** Enough large messages to fill the socket buffers and then the outbound queue, with half as many again to spare. */
    static final int MESSAGES = (SOCKET_BUFFERS + Outbox.MAX_QUEUED_BYTES) / WIRE_CHARS * 3 / 2;

    static final int SENDERS = 4;

    @Test
    void aReaderThatStopsReadingIsClosedWith1013WhileTheOthersGetEverythingAndItResumesBySync() throws Exception {
        var pair = LiveFixtures.pairInRoom(api, "slow", "steady");
        long room = pair.room();
        var poster = api.register(LiveFixtures.person("poster"));
        api.join(poster, room);

        double evicted = LiveFixtures.metric(server, "parley_ws_slow_consumers_evicted_total");
        var slow = LiveClient.json(server, pair.a().accessToken());
        try (var steady = LiveClient.json(server, pair.b().accessToken())) {
            slow.ready();
            steady.ready();
            assertOk(slow.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 0))));
            slow.stopReading();

            String big = "<&>".repeat(1300);
            assertThat(MESSAGES).isLessThan(1000);
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            long started = System.nanoTime();
            try {
                var sending = new ArrayList<CompletableFuture<Void>>();
                for (int t = 0; t < SENDERS; t++) {
                    int thread = t;
                    sending.add(CompletableFuture.runAsync(
                            () -> {
                                for (int i = thread; i < MESSAGES; i += SENDERS) api.say(poster, room, i + " " + big);
                            },
                            pool));
                }
                CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))
                        .join();
            } finally {
                pool.shutdown();
            }
            System.out.printf("posted %d messages in %d ms%n", MESSAGES, (System.nanoTime() - started) / 1_000_000);

            await().atMost(Duration.ofSeconds(30)).until(() -> steady.seqs(room).size() >= MESSAGES);
            assertThat(steady.seqs(room)).as("the steady reader misses nothing").isEqualTo(range(1, MESSAGES));
            assertThat(steady.closed()).isNotDone();

            // The slow reader looks at its socket again: what was on the way, then the server's goodbye.
            slow.resumeReading();
            assertThat(slow.closeCode()).isEqualTo(1013);
            assertThat(LiveFixtures.metric(server, "parley_ws_slow_consumers_evicted_total"))
                    .isEqualTo(evicted + 1);
            List<Long> got = slow.seqs(room);
            System.out.printf("the slow reader got %d before it was let go%n", got.size());
            assertThat(got.size()).isLessThan(MESSAGES);
            assertThat(got).as("what it got has no gap").isEqualTo(range(1, got.size()));

            long lastSeen = got.isEmpty() ? 0 : got.get(got.size() - 1);
            try (var back = LiveClient.json(server, pair.a().accessToken())) {
                JsonNode synced =
                        assertOk(back.request("sync", Map.of("rooms", Map.of(String.valueOf(room), lastSeen))));
                long replayed = synced.path("replayed").asLong();
                // A sync replays no more than the outbound queue holds: the newest, and older ones come from history.
                assertThat(replayed).isPositive();
                assertThat(back.seqs(room)).isEqualTo(range(MESSAGES - replayed + 1, MESSAGES));
                assertThat(synced.path("gap").asBoolean()).isEqualTo(replayed < MESSAGES - lastSeen);
                long firstReplayed = MESSAGES - replayed + 1;
                if (firstReplayed > lastSeen + 1) {
                    JsonNode older = api.history(pair.a(), room, "?limit=1&before=" + firstReplayed);
                    assertThat(older.get(0).path("seq").asLong()).isEqualTo(firstReplayed - 1);
                }
            }
        } finally {
            slow.close();
        }
    }
}
