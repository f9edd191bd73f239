package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Rate;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each limit is one person's, across all their sockets and HTTP: opening more sockets or switching
 * to HTTP buys nothing. Rates here refill once a minute, so that the test sees the bursts alone.
 */
class PersonLimitsIT {

    static final Rate FOUR_THEN_ONE_A_MINUTE = new Rate(1, Duration.ofMinutes(1), 4);

    static final int API_BURST = 40;

    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withLimits(c.limits()
                .withMessages(FOUR_THEN_ONE_A_MINUTE)
                .withTyping(FOUR_THEN_ONE_A_MINUTE)
                .withJoins(FOUR_THEN_ONE_A_MINUTE)
                .withRoomCreation(FOUR_THEN_ONE_A_MINUTE, 3)
                .withApiCalls(new Rate(1, Duration.ofMinutes(1), API_BURST))
                .withSocketsPerPerson(3)));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long retryAfterMs(JsonNode ack) {
        assertFailed(ack, "rate_limited");
        return ack.path("error").path("retryAfterMs").asLong();
    }

    @Test
    void messagesAreCountedPerPersonAcrossSocketsAndHttp() {
        var pair = LiveFixtures.pairInRoom(api, "flooder", "reader");
        try (var one = LiveClient.json(server, pair.a().accessToken()).ready();
                var two = LiveClient.json(server, pair.a().accessToken()).ready()) {
            assertOk(one.request("send-message", Map.of("roomId", pair.room(), "content", "1")));
            assertOk(two.request("send-message", Map.of("roomId", pair.room(), "content", "2")));
            assertOk(one.request("send-message", Map.of("roomId", pair.room(), "content", "3")));
            assertThat(api.postMessage(pair.a(), pair.room(), "4", null).status())
                    .isEqualTo(201);

            assertThat(retryAfterMs(two.request("send-message", Map.of("roomId", pair.room(), "content", "5"))))
                    .isBetween(1L, 60_000L);
            Reply overHttp = api.postMessage(pair.a(), pair.room(), "6", null);
            assertThat(overHttp.status()).isEqualTo(429);
            assertThat(Long.parseLong(overHttp.header("Retry-After").orElseThrow()))
                    .isBetween(1L, 60L);
            assertThat(overHttp.json().path("error").path("retryAfterMs").asLong())
                    .isBetween(1L, 60_000L);
        }
        assertThat(api.history(pair.b(), pair.room(), "").size())
                .as("refused messages are not stored")
                .isEqualTo(4);
        // Someone else in the same room has their own allowance.
        assertThat(api.postMessage(pair.b(), pair.room(), "mine", null).status())
                .isEqualTo(201);
    }

    @Test
    void httpApiCallsArePerPersonAndSayWhenToRetry() {
        var busy = api.register(person("poller"));
        for (int i = 0; i < API_BURST; i++)
            assertThat(api.get("/api/me", busy.accessToken()).status()).isEqualTo(200);
        Reply refused = api.get("/api/me", busy.accessToken());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        var calm = api.register(person("calm"));
        assertThat(api.get("/api/me", calm.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void typingStartsAreLimited() {
        var pair = LiveFixtures.pairInRoom(api, "typist", "watcher");
        try (var typist = LiveClient.json(server, pair.a().accessToken()).ready()) {
            for (int i = 0; i < 4; i++) assertOk(typist.request("typing-start", Map.of("roomId", pair.room())));
            assertThat(retryAfterMs(typist.request("typing-start", Map.of("roomId", pair.room()))))
                    .isPositive();
        }
    }

    @Test
    void joinsAreLimitedAndRejoiningARoomOneIsInCostsNothing() {
        var host = api.register(person("host"));
        var cohost = api.register(person("cohost"));
        var joiner = api.register(person("joiner"));
        long[] rooms = new long[5];
        for (int i = 0; i < 5; i++) rooms[i] = api.createRoom(i < 3 ? host : cohost, ApiClient.fresh("open"), false);
        try (var socket = LiveClient.json(server, joiner.accessToken()).ready()) {
            for (int i = 0; i < 4; i++) assertOk(socket.request("join-room", Map.of("roomId", rooms[i])));
            assertOk(socket.request("join-room", Map.of("roomId", rooms[0])));
            assertThat(retryAfterMs(socket.request("join-room", Map.of("roomId", rooms[4]))))
                    .isPositive();
            Reply overHttp = api.post("/api/rooms/" + rooms[4] + "/join", joiner.accessToken(), Map.of());
            assertThat(overHttp.status()).isEqualTo(429);
        }
    }

    @Test
    void roomCreationIsLimitedInNumberAndInRate() {
        var maker = api.register(person("maker"));
        for (int i = 0; i < 3; i++) api.createRoom(maker, ApiClient.fresh("made"), i % 2 == 0);
        Reply tooMany =
                api.post("/api/rooms", maker.accessToken(), Map.of("name", ApiClient.fresh("made"), "private", false));
        assertThat(tooMany.status()).isEqualTo(403);
        assertThat(tooMany.json().path("error").path("message").asText()).contains("3 rooms");

        // New direct conversations are rooms too: they take from the same rate (the fourth token), but not from the
        // cap.
        var first = api.register(person("pal"));
        var second = api.register(person("pal"));
        assertThat(api.post("/api/rooms/direct", maker.accessToken(), Map.of("username", first.username()))
                        .status())
                .isEqualTo(200);
        Reply tooFast = api.post("/api/rooms/direct", maker.accessToken(), Map.of("username", second.username()));
        assertThat(tooFast.status()).isEqualTo(429);
        assertThat(tooFast.header("Retry-After")).isPresent();
        assertThat(api.post("/api/rooms/direct", maker.accessToken(), Map.of("username", first.username()))
                        .status())
                .as("an existing conversation is found, not created")
                .isEqualTo(200);
        long owned = java.util.stream.StreamSupport.stream(
                        api.get("/api/rooms", maker.accessToken()).json().spliterator(), false)
                .filter(r -> r.path("member").asBoolean())
                .count();
        assertThat(owned)
                .as("three channels and one conversation; nothing made by a refusal")
                .isEqualTo(4);
    }

    @Test
    void socketsPerPersonAreCountedAndTheNextHandshakeIsRefusedWith429() {
        var many = api.register(person("tabs"));
        var open = new java.util.ArrayList<LiveClient>();
        try {
            for (int i = 0; i < 3; i++)
                open.add(LiveClient.json(server, many.accessToken()).ready());
            assertThatThrownBy(() -> LiveClient.connectAsync(
                                    server.uri("/ws"),
                                    Map.of("Authorization", "Bearer " + many.accessToken()),
                                    "parley.json")
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                    .getResponse()
                                    .statusCode())
                            .isEqualTo(429));
            var raw = LiveFixtures.rawGet(server, "/ws", true, Map.of("Authorization", "Bearer " + many.accessToken()));
            assertThat(raw.status()).isEqualTo(429);
            assertThat(raw.header("Retry-After")).isNotNull();
            assertThat(raw.json().path("error").path("code").asText()).isEqualTo("rate_limited");
            open.remove(0).close();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> LiveFixtures.rawGet(
                                            server,
                                            "/ws",
                                            true,
                                            Map.of("Authorization", "Bearer " + many.accessToken()))
                                    .status()
                            == 101);
        } finally {
            open.forEach(LiveClient::close);
        }
    }
}
