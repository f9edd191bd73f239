package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A signed-in client that stops reading and keeps asking for {@code sync} of a long room: each
 * replay counts against its socket's outbound bound, so it is let go with 1013 after a few, and
 * the server's heap never holds replay after replay.
 */
class SyncFloodIT {

    static final int MESSAGES = 1000;
    static final int SYNCS = 40;

    @Test
    void aClientThatStopsReadingAndKeepsSyncingIsClosedWith1013AndTheHeapStaysBounded() throws Exception {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            var author = api.register(new Person("flood-author", "flood-author-secret"));
            var flooder = api.register(new Person("flooder", "flooder-secret"));
            long room = api.createRoom(author, "long", false);
            api.join(flooder, room);
            var principal =
                    server.parley.sessions.authenticate(author.accessToken()).orElseThrow();
            var posts = new ArrayList<CompletableFuture<?>>();
            String text = "x".repeat(3_500);
            for (int i = 0; i < MESSAGES; i++)
                posts.add(server.parley.messages.postAsync(principal, room, i + " " + text, null));
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
            long before = usedHeapAfterGc();

            var client = LiveClient.json(server, flooder.accessToken()).ready();
            client.stopReading();
            long most = 0;
            // Five a second for 8 s, as the report that found this did: the old server pinned ~4 MB per frame here.
            for (int syncs = 1; syncs <= SYNCS; syncs++) {
                client.tell("sync", Map.of("rooms", Map.of(String.valueOf(room), 0)));
                Thread.sleep(200);
                if (syncs % 10 == 0) most = Math.max(most, usedHeapAfterGc() - before);
            }
            client.resumeReading();
            // 1013 is what the server says. A client that went on sending after the server's close
            // frame has been seen to lose the connection (1006) before reading that frame: either
            // way the server let it go, and it reconnects and syncs.
            int code = client.closed().get(20, TimeUnit.SECONDS);
            long replayed = client.jsons().stream()
                    .filter(j -> j.path("event").asText().equals("new-message"))
                    .count();
            System.out.printf(
                    "closed with %d (%s) after %d replayed messages of %d asked for; heap grew by at most %d MiB%n",
                    code, client.error(), replayed, SYNCS * MESSAGES, most >> 20);
            assertThat(code).as("close code (error: %s)", client.error()).isIn(1013, 1006);
            assertThat(replayed).as("replays sent before it was let go").isLessThan(4L * MESSAGES);
            assertThat(most).as("heap growth while flooding").isLessThan(64L << 20);
            client.close();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
