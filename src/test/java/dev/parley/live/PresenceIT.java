package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Timings;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who is online: a person is online from their first socket to their last (any tab), or until
 * their lease lapses; room-mates hear of each change, and of status updates.
 */
class PresenceIT extends OneServer {

    @Test
    void onlineUsersOnConnectListsTheRoomMatesWhoAreOnlineAndNoOneElse() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        var carol = api.register(person("carol"));
        api.join(carol, pair.room());
        var dave = api.register(person("dave"));
        try (var b = LiveClient.json(server, pair.b().accessToken());
                var d = LiveClient.json(server, dave.accessToken())) {
            assertOk(b.request("update-presence", Map.of("status", "busy", "text", "in a meeting")));
            d.ready();
            try (var a = LiveClient.json(server, pair.a().accessToken())) {
                JsonNode users = a.event("online-users").path("data").path("users");
                assertThat(users).hasSize(1);
                JsonNode bob = users.get(0);
                assertThat(bob.path("userId").asLong()).isEqualTo(pair.b().userId());
                assertThat(bob.path("username").asText()).isEqualTo(pair.b().username());
                assertThat(bob.path("online").asBoolean()).isTrue();
                assertThat(bob.path("status").asText()).isEqualTo("busy");
                assertThat(bob.path("text").asText()).isEqualTo("in a meeting");
                assertThat(a.jsons().get(0).path("event").asText())
                        .as("the first frame")
                        .isEqualTo("online-users");
            }
        }
    }

    @Test
    void roomMatesHearOfTheFirstConnectionOnlyAndOthersNotAtAll() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        var dave = api.register(person("dave"));
        try (var b = LiveClient.json(server, pair.b().accessToken());
                var d = LiveClient.json(server, dave.accessToken())) {
            b.ready();
            d.ready();
            try (var a1 = LiveClient.json(server, pair.a().accessToken())) {
                JsonNode online = b.event(
                                "user-online",
                                u -> u.path("userId").asLong() == pair.a().userId())
                        .path("data");
                assertThat(online.path("username").asText()).isEqualTo(pair.a().username());
                assertThat(online.path("online").asBoolean()).isTrue();
                try (var a2 = LiveClient.json(server, pair.a().accessToken())) {
                    a2.ready();
                    assertOk(a2.request("send-message", Map.of("roomId", pair.room(), "content", "marker")));
                    b.event("new-message");
                    assertThat(b.events("user-online").stream()
                                    .filter(e -> e.path("data").path("userId").asLong()
                                            == pair.a().userId()))
                            .as("a second tab is no news")
                            .hasSize(1);
                }
            }
            assertOk(d.request("update-presence", Map.of("status", "online")));
            assertThat(d.events("user-online").stream()
                            .filter(e -> e.path("data").path("userId").asLong()
                                    == pair.a().userId()))
                    .isEmpty();
        }
    }

    @Test
    void aPageReloadWithinTheGraceShowsNoFlickerToRoomMates() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            var before = LiveClient.json(server, pair.a().accessToken());
            b.event("user-online", u -> u.path("userId").asLong() == pair.a().userId());

            before.close();
            try (var after = LiveClient.json(server, pair.a().accessToken())) {
                after.ready();
                await().during(Timings.GRACE.plusMillis(500))
                        .atMost(Timings.GRACE.plusSeconds(3))
                        .until(() -> b.events("user-offline").isEmpty()
                                && b.events("user-online").stream()
                                                .filter(e -> e.path("data")
                                                                .path("userId")
                                                                .asLong()
                                                        == pair.a().userId())
                                                .count()
                                        == 1);
            }
        }
    }

    @Test
    void aPersonWithTwoTabsStaysOnlineUntilTheLastOneCloses() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            var tab1 = LiveClient.json(server, pair.a().accessToken());
            var tab2 = LiveClient.json(server, pair.a().accessToken());
            b.event("user-online", u -> u.path("userId").asLong() == pair.a().userId());

            double open = LiveFixtures.metric(server, "parley_ws_connections_open");
            tab1.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> LiveFixtures.metric(server, "parley_ws_connections_open") == open - 1);
            assertOk(tab2.request("send-message", Map.of("roomId", pair.room(), "content", "still here")));
            b.event("new-message");
            await().during(Timings.GRACE.plusMillis(500))
                    .atMost(Timings.GRACE.plusSeconds(3))
                    .until(() -> b.events("user-offline").isEmpty());
            try (var c = LiveClient.json(server, pair.b().accessToken())) {
                assertThat(c.event("online-users").path("data").path("users").findValuesAsText("username"))
                        .contains(pair.a().username());
            }

            Instant before = Instant.now().minusSeconds(1);
            tab2.close();
            JsonNode offline = b.event(
                            "user-offline",
                            u -> u.path("userId").asLong() == pair.a().userId())
                    .path("data");
            assertThat(offline.path("online").asBoolean()).isFalse();
            assertThat(Instant.parse(offline.path("lastSeen").asText())).isAfter(before);
            try (var c = LiveClient.json(server, pair.b().accessToken())) {
                assertThat(c.event("online-users").path("data").path("users").findValuesAsText("username"))
                        .doesNotContain(pair.a().username());
            }
        }
    }

    @Test
    void updatePresenceTellsRoomMatesTheNewStatus() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        var dave = api.register(person("dave"));
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken());
                var d = LiveClient.json(server, dave.accessToken())) {
            d.ready();
            JsonNode ack = assertOk(a.request("update-presence", Map.of("status", "away", "text", "lunch")));
            assertThat(ack.size()).isZero();

            JsonNode update = b.event("presence-update").path("data");
            assertThat(update.path("userId").asLong()).isEqualTo(pair.a().userId());
            assertThat(update.path("status").asText()).isEqualTo("away");
            assertThat(update.path("text").asText()).isEqualTo("lunch");
            assertThat(update.path("online").asBoolean()).isTrue();
            assertThat(update.has("lastSeen")).isTrue();

            JsonNode joined = assertOk(b.request("join-room", Map.of("roomId", pair.room())));
            for (JsonNode m : joined.path("members")) {
                if (m.path("id").asLong() == pair.a().userId())
                    assertThat(m.path("status").asText()).isEqualTo("away");
            }
            assertOk(d.request("update-presence", Map.of("status", "online")));
            d.event("presence-update", u -> u.path("userId").asLong() == dave.userId());
            assertThat(d.events("presence-update"))
                    .as("dave shares no room with ann")
                    .noneMatch(e ->
                            e.path("data").path("userId").asLong() == pair.a().userId());
        }
    }

    @Test
    void anInvalidPresenceIsInvalidPayload() {
        var ann = api.register(person("ann"));
        try (var a = LiveClient.json(server, ann.accessToken())) {
            assertFailed(a.request("update-presence", Map.of("status", "sleeping")), "invalid_payload");
            assertFailed(a.request("update-presence", Map.of()), "invalid_payload");
            assertFailed(a.request("update-presence", Map.of("status", 3)), "invalid_payload");
            assertFailed(
                    a.request("update-presence", Map.of("status", "away", "text", "x".repeat(81))), "invalid_payload");
            assertFailed(
                    a.request("update-presence", Map.of("status", "away", "text", "tab\u0007bell")), "invalid_payload");
            assertOk(a.request("update-presence", Map.of("status", "away", "text", "x".repeat(80))));
        }
    }

    @Test
    void aLapsedLeaseTakesThePersonOfflineForTheirRoomMates() {
        var clock = MutableClock.now();
        try (var timed = TestServer.start(c -> c, clock)) {
            var timedApi = new ApiClient(timed);
            var pair = LiveFixtures.pairInRoom(timedApi, "ann", "bob");
            try (var a = LiveClient.json(timed, pair.a().accessToken());
                    var b = LiveClient.json(timed, pair.b().accessToken())) {
                a.ready();
                b.ready();
                clock.advance(Duration.ofSeconds(30));
                // Bob shows a sign of life; ann's socket stays silent, as one on a machine gone to sleep.
                assertOk(b.request("update-presence", Map.of("status", "online")));
                await().during(Duration.ofMillis(600))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> b.events("user-offline").isEmpty());

                clock.advance(Timings.ASLEEP_AFTER.minusSeconds(30).plusSeconds(1));
                JsonNode offline = b.event("user-offline").path("data");
                assertThat(offline.path("userId").asLong()).isEqualTo(pair.a().userId());
                assertThat(offline.path("online").asBoolean()).isFalse();
                assertThat(Instant.parse(offline.path("lastSeen").asText()))
                        .isCloseTo(clock.instant(), within(1, ChronoUnit.SECONDS));
                await().during(Duration.ofMillis(600))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> b.events("user-offline").size() == 1);
                assertThat(a.events("user-offline"))
                        .noneMatch(e -> e.path("data").path("userId").asLong()
                                == pair.b().userId());
            }
        }
    }

    @Test
    void aSocketWhoseLeaseLapsedComesBackOnlineWithItsNextSignOfLife() {
        var clock = MutableClock.now();
        try (var timed = TestServer.start(c -> c, clock)) {
            var timedApi = new ApiClient(timed);
            var pair = LiveFixtures.pairInRoom(timedApi, "ann", "bob");
            try (var a = LiveClient.json(timed, pair.a().accessToken());
                    var b = LiveClient.json(timed, pair.b().accessToken())) {
                a.ready();
                b.ready();
                clock.advance(Duration.ofSeconds(30));
                assertOk(b.request("update-presence", Map.of("status", "online")));
                clock.advance(Duration.ofSeconds(16));
                b.event(
                        "user-offline",
                        u -> u.path("userId").asLong() == pair.a().userId());

                // The laptop wakes up and its socket is still open: ann is back.
                assertOk(a.request("typing-stop", Map.of("roomId", pair.room())));
                b.event(
                        "user-online",
                        u -> u.path("userId").asLong() == pair.a().userId());
                try (var c = LiveClient.json(timed, pair.b().accessToken())) {
                    assertThat(c.event("online-users")
                                    .path("data")
                                    .path("users")
                                    .findValuesAsText("username"))
                            .contains(pair.a().username());
                }
                a.close();
                await().during(Duration.ofMillis(600))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> b.events("user-offline").size() == 1);
                clock.advance(Timings.GRACE.plusMillis(100));
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> b.events("user-offline").size() == 2);
            }
        }
    }
}
