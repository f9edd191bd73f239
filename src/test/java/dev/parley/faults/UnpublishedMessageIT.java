package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message that reached the database but was never published (its commit reported a failure
 * although it happened) still reaches live receivers on a single instance: every second the hub
 * compares the rooms' newest seqs with what it delivered.
 */
class UnpublishedMessageIT {

    @Test
    void aMessageStoredWithoutBeingPublishedReachesLiveReceiversOnOneInstanceWithinSeconds() throws Exception {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            var author = api.register(new Person("quiet-author", "quiet-author-secret"));
            var reader = api.register(new Person("quiet-reader", "quiet-reader-secret"));
            long room = api.createRoom(author, "quiet", false);
            api.join(reader, room);
            try (var receiver = LiveClient.json(server, reader.accessToken()).ready()) {
                receiver.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 0)));
                api.say(author, room, "published");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.seqs(room).equals(List.of(1L)));

                // What a commit that threw after it happened leaves behind: the row, and no event.
                try (var c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir.resolve("parley.db"));
                        var s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 5000");
                    s.executeUpdate("UPDATE rooms SET last_seq = 2 WHERE id = " + room);
                    s.executeUpdate("INSERT INTO messages (room_id, seq, user_id, content, html, client_id, created_at)"
                            + " VALUES (" + room + ", 2, " + author.userId()
                            + ", 'never published', 'never published', 'quiet-2', "
                            + System.currentTimeMillis() + ")");
                }

                await().atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.seqs(room).equals(List.of(1L, 2L)));
                assertThat(receiver.events("new-message")
                                .get(1)
                                .path("data")
                                .path("content")
                                .asText())
                        .isEqualTo("never published");
            }
        }
    }
}
