package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Ann is typing…": shown to the others, never to the typist, for five seconds after the last
 * typing-start, and ended at once by a stop, a send, a leave or a disconnect. Time is the
 * server's clock, moved by hand; the server's ticker notices within a quarter second.
 */
class TypingIT extends OneServerOnAClock {

    /** Long enough for a few ticks of the server's ticker to have run. */
    private static final Duration A_FEW_TICKS = Duration.ofMillis(800);

    @Test
    void typingStartReachesTheOthersButNeverTheTypist() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            JsonNode ack = assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            assertThat(ack.isObject()).isTrue();
            assertThat(ack.size()).isZero();

            JsonNode typing = b.event("user-typing").path("data");
            assertThat(typing.path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(typing.path("userId").asLong()).isEqualTo(pair.a().userId());
            assertThat(typing.path("username").asText()).isEqualTo(pair.a().username());

            // Everything for ann's socket is in order: once bob's message is there, her own typing would be too.
            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "marker")));
            a.event("new-message");
            assertThat(a.events("user-typing"))
                    .as("ann never sees herself typing")
                    .isEmpty();
        }
    }

    @Test
    void theTypistsOtherSocketsDoNotSeeHerTypingEither() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var laptop = LiveClient.json(server, pair.a().accessToken());
                var phone = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            phone.ready();
            assertOk(laptop.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");
            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "marker")));
            phone.event("new-message");
            assertThat(phone.events("user-typing")).isEmpty();
        }
    }

    @Test
    void typingStopTellsTheOthersAtOnce() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");
            JsonNode ack = assertOk(a.request("typing-stop", Map.of("roomId", pair.room())));
            assertThat(ack.size()).isZero();

            JsonNode stopped = b.event("user-stopped-typing").path("data");
            assertThat(stopped.path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(stopped.path("userId").asLong()).isEqualTo(pair.a().userId());
        }
    }

    @Test
    void typingStopsFiveSecondsAfterTheLastTypingStart() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");

            clock.advance(Duration.ofSeconds(4));
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            clock.advance(Duration.ofSeconds(4));
            // t0 + 8 s: five seconds after the first start, three after the last.
            await().during(A_FEW_TICKS)
                    .atMost(A_FEW_TICKS.multipliedBy(3))
                    .until(() -> b.events("user-stopped-typing").isEmpty());
            assertThat(b.events("user-typing"))
                    .as("a typist who keeps typing is announced once")
                    .hasSize(1);

            clock.advance(Duration.ofMillis(1100));
            // t0 + 9.1 s: past five seconds after the last start.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> b.events("user-stopped-typing").size() == 1);
            assertThat(b.events("user-stopped-typing")
                            .get(0)
                            .path("data")
                            .path("userId")
                            .asLong())
                    .isEqualTo(pair.a().userId());
        }
    }

    @Test
    void typingStopsAtOnceWhenTheTypistSends() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");
            assertOk(a.request("send-message", Map.of("roomId", pair.room(), "content", "done typing")));

            b.event("new-message");
            List<String> order = b.events().stream()
                    .map(e -> e.path("event").asText())
                    .filter(n -> n.equals("user-stopped-typing") || n.equals("new-message"))
                    .toList();
            assertThat(order).containsExactly("user-stopped-typing", "new-message");
        }
    }

    @Test
    void typingStopsAtOnceWhenTheTypistLeavesTheRoom() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");
            assertOk(a.request("leave-room", Map.of("roomId", pair.room())));

            b.event("user-left");
            JsonNode stopped = b.event("user-stopped-typing").path("data");
            assertThat(stopped.path("userId").asLong()).isEqualTo(pair.a().userId());
        }
    }

    @Test
    void typingStopsAtOnceWhenTheTypistLeavesOverHttp() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing");
            assertThat(api.post("/api/rooms/" + pair.room() + "/leave", pair.a().accessToken(), Map.of())
                            .status())
                    .isEqualTo(204);

            b.event("user-left");
            b.event("user-stopped-typing");
        }
    }

    @Test
    void typingStopsAtOnceWhenTheTypistDisconnects() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        var carol = api.register(person("carol"));
        api.join(carol, pair.room());
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            var a = LiveClient.json(server, pair.a().accessToken());
            assertOk(a.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing", d -> d.path("userId").asLong() == pair.a().userId());
            a.close();
            b.event(
                    "user-stopped-typing",
                    d -> d.path("userId").asLong() == pair.a().userId());

            // A socket that dies without a goodbye counts the same, once the server notices.
            var c = LiveClient.json(server, carol.accessToken());
            assertOk(c.request("typing-start", Map.of("roomId", pair.room())));
            b.event("user-typing", d -> d.path("userId").asLong() == carol.userId());
            c.kill();
            b.event("user-stopped-typing", d -> d.path("userId").asLong() == carol.userId());
        }
    }

    @Test
    void typingInARoomYouAreNotInIsRefused() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long open = api.createRoom(ann, ApiClient.fresh("open"), false);
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        try (var a = LiveClient.json(server, ann.accessToken());
                var b = LiveClient.json(server, bob.accessToken())) {
            a.ready();
            assertFailed(b.request("typing-start", Map.of("roomId", open)), "not_member");
            assertFailed(b.request("typing-stop", Map.of("roomId", open)), "not_member");
            assertFailed(b.request("typing-start", Map.of("roomId", secret)), "not_found");
            assertOk(a.request("send-message", Map.of("roomId", open, "content", "marker")));
            a.event("new-message");
            assertThat(a.events("user-typing")).isEmpty();
        }
    }
}
