package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restart says 1012, which clients retry; what was posted meanwhile comes back by sync. */
class RestartIT {

    @Test
    void aRestartClosesSocketsWith1012AndWhatWasPostedMeanwhileComesBackBySync() {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
            var ann =
                    server.parley.sessions.authenticate(pair.a().accessToken()).orElseThrow();
            var bob = LiveClient.json(server, pair.b().accessToken());
            bob.ready();
            assertOk(bob.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));

            server.restart(() -> {
                for (int i = 1; i <= 3; i++) post(server, ann, pair.room(), "while restarting " + i);
            });

            assertThat(bob.closeCode()).isEqualTo(1012);
            try (var again = LiveClient.json(server, pair.b().accessToken())) {
                var synced = assertOk(again.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
                assertThat(synced.path("replayed").asInt()).isEqualTo(3);
                assertThat(again.seqs(pair.room())).isEqualTo(List.of(1L, 2L, 3L));
            }
        }
    }

    private static void post(TestServer server, Principal author, long room, String text) {
        server.parley.messages.post(author, room, text, null);
    }
}
