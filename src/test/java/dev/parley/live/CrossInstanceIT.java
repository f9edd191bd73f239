package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Timings;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three instances on one PostgreSQL and one Redis: whatever happens on one reaches the clients of every other. */
class CrossInstanceIT {

    private static InstancesFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new InstancesFixture(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Every instance answers and reaches Redis again (a test pauses Redis; the probes notice its return within a second). */
    @BeforeEach
    void everyInstanceIsConnected() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> readiness(0).equals("ok\n")
                        && readiness(1).equals("ok\n")
                        && readiness(2).equals("ok\n"));
    }

    /** Three people in one fresh room, signed up through different instances. */
    private record Trio(Session alice, Session bob, Session carol, long room) {}

    private static Trio trio() {
        Session alice = cluster.api(0).register(person("alice"));
        Session bob = cluster.api(1).register(person("bob"));
        Session carol = cluster.api(2).register(person("carol"));
        long room = cluster.api(0).createRoom(alice, ApiClient.fresh("room"), false);
        cluster.api(1).join(bob, room);
        cluster.api(2).join(carol, room);
        return new Trio(alice, bob, carol, room);
    }

    private static LiveClient on(int instance, Session who) {
        return LiveClient.json(cluster.instance(instance), who.accessToken()).ready();
    }

    @Test
    void aMessageSentOnOneInstanceReachesTheMembersOnEveryOther() {
        Trio t = trio();
        try (var a = on(0, t.alice());
                var b = on(1, t.bob());
                var c = on(2, t.carol())) {
            for (int i = 1; i <= 20; i++)
                assertOk(a.request("send-message", Map.of("roomId", t.room(), "content", "hello " + i)));
            for (LiveClient reader : new LiveClient[] {b, c}) {
                await().atMost(LiveClient.WAIT)
                        .until(() -> reader.seqs(t.room()).size() == 20);
                assertThat(reader.seqs(t.room())).containsExactlyElementsOf(LiveFixtures.range(1, 20));
            }
            JsonNode seen =
                    c.event("new-message", m -> m.path("seq").asLong() == 20).path("data");
            assertThat(seen.path("content").asText()).isEqualTo("hello 20");
            assertThat(seen.path("user").path("username").asText())
                    .isEqualTo(t.alice().username());
        }
    }

    @Test
    void whileRedisIsPausedInstancesSayTheyAreDegradedAndMessagesStillArriveThroughTheDatabase() {
        Trio t = trio();
        try (var a = on(0, t.alice());
                var b = on(1, t.bob())) {
            cluster.redis.pause();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> readiness(0).contains("degraded"));
                assertThat(cluster.api(0).get("/readyz", null).status()).isEqualTo(200);
                LiveFixtures.assertFailed(b.request("typing-start", Map.of("roomId", t.room())), "unavailable");
                for (int i = 1; i <= 10; i++)
                    assertOk(a.request("send-message", Map.of("roomId", t.room(), "content", "during " + i)));
                // The sender's own instance delivers at once; the other finds them in the database within a second or
                // so.
                assertThat(a.seqs(t.room())).containsExactlyElementsOf(LiveFixtures.range(1, 10));
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> b.seqs(t.room()).size() == 10);
                assertThat(b.seqs(t.room())).containsExactlyElementsOf(LiveFixtures.range(1, 10));
            } finally {
                cluster.redis.resume();
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> readiness(0).equals("ok\n")
                            && readiness(1).equals("ok\n")
                            && readiness(2).equals("ok\n"));
            assertOk(a.request("send-message", Map.of("roomId", t.room(), "content", "after")));
            await().atMost(LiveClient.WAIT).until(() -> b.seqs(t.room()).size() == 11);
            assertThat(b.seqs(t.room())).containsExactlyElementsOf(LiveFixtures.range(1, 11));
        }
    }

    private static String readiness(int instance) {
        return cluster.api(instance).get("/readyz", null).body();
    }

    @Test
    void typingAndReadReceiptsCrossInstances() {
        Trio t = trio();
        try (var a = on(0, t.alice());
                var b = on(1, t.bob())) {
            assertOk(b.request("typing-start", Map.of("roomId", t.room())));
            assertThat(a.event("user-typing").path("data").path("username").asText())
                    .isEqualTo(t.bob().username());
            assertOk(b.request("typing-stop", Map.of("roomId", t.room())));
            a.event("user-stopped-typing");

            assertOk(a.request("send-message", Map.of("roomId", t.room(), "content", "read me")));
            await().atMost(LiveClient.WAIT).until(() -> b.seqs(t.room()).size() == 1);
            assertOk(b.request("mark-read", Map.of("roomId", t.room(), "seq", 1)));
            JsonNode read = a.event("message-read").path("data");
            assertThat(read.path("userId").asLong()).isEqualTo(t.bob().userId());
        }
    }

    @Test
    void typingThatStopsByTimeoutStopsForEveryInstanceOnce() {
        Trio t = trio();
        try (var a = on(0, t.alice());
                var b = on(1, t.bob());
                var c = on(2, t.carol())) {
            assertOk(b.request("typing-start", Map.of("roomId", t.room())));
            a.event("user-typing");
            // Every instance's ticker tries to expire it; the shared state lets exactly one succeed.
            a.event("user-stopped-typing");
            c.event("user-stopped-typing");
            await().during(Duration.ofSeconds(1))
                    .until(() -> a.events("user-stopped-typing").size() == 1
                            && c.events("user-stopped-typing").size() == 1);
        }
    }

    @Test
    void aPersonWithTabsOnTwoInstancesIsOfflineOnlyWhenTheLastCloses() {
        Trio t = trio();
        try (var a = on(0, t.alice())) {
            var bobOnB = on(1, t.bob());
            var bobOnC = on(2, t.bob());
            a.event("user-online", u -> u.path("userId").asLong() == t.bob().userId());
            bobOnB.close();
            await().during(Timings.GRACE.plusSeconds(1))
                    .atMost(Timings.GRACE.plusSeconds(3))
                    .until(() -> a.events("user-offline").isEmpty());
            bobOnC.close();
            JsonNode offline = a.event("user-offline").path("data");
            assertThat(offline.path("userId").asLong()).isEqualTo(t.bob().userId());
            await().during(Duration.ofSeconds(1))
                    .until(() -> a.events("user-offline").size() == 1);
        }
    }

    @Test
    void aNewConnectionOnAnyInstanceSeesWhoIsOnlineOnTheOthers() {
        Trio t = trio();
        try (var b = on(1, t.bob());
                var c = on(2, t.carol());
                var a = LiveClient.json(cluster.instance(0), t.alice().accessToken())) {
            JsonNode online = a.event("online-users").path("data").path("users");
            assertThat(online.findValuesAsText("username"))
                    .contains(t.bob().username(), t.carol().username());
        }
    }

    @Test
    void loggingOutOnOneInstanceClosesThatSessionsSocketsOnEveryOther() {
        Trio t = trio();
        try (var onB = on(1, t.bob());
                var onC = on(2, t.bob())) {
            assertThat(cluster.api(0)
                            .post("/api/auth/logout", t.bob().accessToken(), Map.of())
                            .status())
                    .isEqualTo(204);
            await().atMost(LiveClient.WAIT).until(() -> onB.closeCode() == 1008 && onC.closeCode() == 1008);
        }
    }

    @Test
    void leavingOnOneInstanceStopsDeliveryToThatPersonsSocketsOnTheOthers() {
        Trio t = trio();
        try (var a = on(0, t.alice());
                var b = on(1, t.bob())) {
            assertThat(cluster.api(2)
                            .post("/api/rooms/" + t.room() + "/leave", t.bob().accessToken(), Map.of())
                            .status())
                    .isEqualTo(204);
            a.event("user-left", u -> u.path("userId").asLong() == t.bob().userId());
            await().atMost(LiveClient.WAIT).until(() -> !b.events("user-left").isEmpty());
            assertOk(a.request("send-message", Map.of("roomId", t.room(), "content", "after bob left")));
            await().during(Duration.ofSeconds(1)).until(() -> b.seqs(t.room()).isEmpty());
        }
    }
}
