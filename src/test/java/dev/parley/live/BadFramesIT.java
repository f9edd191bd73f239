package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.frame;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Frames the server cannot use: answered with one failed ack when they name an ack id, silently
 * dropped when they do not, and never fatal to the socket — except a frame too large to read.
 */
class BadFramesIT extends OneServer {

    @Test
    void unreadableFramesWithoutAnAckGetNoAnswerAndTheSocketStaysUp() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            a.event("online-users");
            double dropped = LiveFixtures.metric(server, "parley_ws_frames_dropped_total");
            for (String junk : List.of(
                    "{not json",
                    "",
                    "[1,2,3]",
                    "42",
                    "\"send-message\"",
                    "null",
                    "{}",
                    "{\"event\":7}",
                    "{\"event\":\"send-message\",\"data\":[1]}",
                    "{\"event\":\"no-such-event\"}",
                    "{\"event\":\"send-message\",\"data\":{\"roomId\":\"abc\"}}")) {
                a.send(junk);
            }
            JsonNode works = a.request("send-message", Map.of("roomId", pair.room(), "content", "still connected"));
            assertOk(works);
            assertThat(a.closed()).isNotDone();
            // Nothing answered the junk: the one ack there is belongs to the request that worked.
            assertThat(a.acks()).containsExactly(works);
            assertThat(a.texts()).allSatisfy(t -> assertThat(t).doesNotContain("invalid_payload"));
            assertThat(api.history(pair.a(), pair.room(), "")).hasSize(1);
            assertThat(LiveFixtures.metric(server, "parley_ws_frames_dropped_total"))
                    .as("each junk frame counted as dropped")
                    .isEqualTo(dropped + 11);
        }
    }

    @Test
    void framesWithADuplicateKeyOrTrailingTextAreRefusedAndStoreNothing() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken()).ready()) {
            String data = "{\"roomId\":" + pair.room() + ",\"content\":\"shown\",\"content\":\"stored\"}";
            assertFailed(
                    a.raw("dup", "{\"event\":\"send-message\",\"ack\":\"dup\",\"data\":" + data + "}"),
                    "invalid_payload");
            String one = "{\"event\":\"send-message\",\"ack\":\"tail\",\"data\":{\"roomId\":" + pair.room()
                    + ",\"content\":\"x\"}}";
            assertFailed(a.raw("tail", one + " {\"event\":\"leave-room\"}"), "invalid_payload");
            assertFailed(
                    a.raw(
                            "twice",
                            "{\"event\":\"send-message\",\"ack\":\"twice\",\"event\":\"leave-room\",\"data\":{\"roomId\":"
                                    + pair.room() + "}}"),
                    "invalid_payload");
            assertThat(api.history(pair.a(), pair.room(), "")).isEmpty();
            assertThat(api.get("/api/rooms/" + pair.room(), pair.a().accessToken())
                            .json()
                            .path("members")
                            .findValuesAsText("username"))
                    .as("the leave-room hidden in a second key or a second object did not happen")
                    .contains(pair.a().username());
        }
    }

    @Test
    void anUnknownEventIsInvalidPayload() {
        var ann = api.register(person("ann"));
        try (var a = LiveClient.json(server, ann.accessToken())) {
            JsonNode ack = assertFailed(a.request("shout", Map.of("roomId", 1)), "invalid_payload");
            assertThat(ack.path("error").path("message").asText()).contains("shout");
            assertFailed(a.raw("r2", "{\"ack\":\"r2\",\"data\":{}}"), "invalid_payload");
            assertFailed(a.raw("r3", "{\"ack\":\"r3\",\"event\":[\"join-room\"]}"), "invalid_payload");
            assertFailed(a.raw("r4", "{\"ack\":\"r4\",\"event\":\"join-room\",\"data\":\"7\"}"), "invalid_payload");
        }
    }

    @Test
    void missingFieldsAreInvalidPayloadNamingTheField() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            assertThat(assertFailed(a.request("send-message", Map.of("content", "hi")), "invalid_payload")
                            .path("error")
                            .path("field")
                            .asText())
                    .isEqualTo("roomId");
            assertThat(assertFailed(a.request("send-message", Map.of("roomId", pair.room())), "invalid_payload")
                            .path("error")
                            .path("field")
                            .asText())
                    .isEqualTo("content");
            assertFailed(a.request("join-room", Map.of()), "invalid_payload");
            assertFailed(a.request("leave-room", Map.of()), "invalid_payload");
            assertFailed(a.request("typing-start", Map.of()), "invalid_payload");
            assertFailed(a.request("typing-stop", Map.of()), "invalid_payload");
            assertFailed(a.request("mark-read", Map.of()), "invalid_payload");
            assertFailed(a.request("update-presence", Map.of()), "invalid_payload");
            assertFailed(a.request("sync", Map.of()), "invalid_payload");
            assertFailed(a.raw("r9", "{\"event\":\"send-message\",\"ack\":\"r9\"}"), "invalid_payload");
        }
    }

    @Test
    void mistypedFieldsAreInvalidPayload() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            for (Object badId :
                    List.of("abc", "", "12abc", true, 1.5, -3, 0, "-3", List.of(room), Map.of("id", room))) {
                var data = new HashMap<String, Object>(Map.of("content", "hi"));
                data.put("roomId", badId);
                JsonNode ack = assertFailed(a.request("send-message", data), "invalid_payload");
                assertThat(ack.path("error").path("field").asText())
                        .as("roomId %s", badId)
                        .isEqualTo("roomId");
                assertFailed(a.request("join-room", Map.of("roomId", badId)), "invalid_payload");
            }
            assertFailed(a.request("send-message", Map.of("roomId", room, "content", 5)), "invalid_payload");
            assertFailed(
                    a.request("send-message", Map.of("roomId", room, "content", List.of("hi"))), "invalid_payload");
            assertFailed(a.request("send-message", Map.of("roomId", room, "content", "   ")), "invalid_payload");
            assertFailed(
                    a.request("send-message", Map.of("roomId", room, "content", "hi", "clientId", 7)),
                    "invalid_payload");
            assertFailed(
                    a.request("send-message", Map.of("roomId", room, "content", "hi", "clientId", "has space")),
                    "invalid_payload");
            assertFailed(
                    a.request("send-message", Map.of("roomId", room, "content", "hi", "clientId", "c".repeat(65))),
                    "invalid_payload");
            assertFailed(a.request("sync", Map.of("rooms", List.of(room))), "invalid_payload");
            assertFailed(a.request("sync", Map.of("rooms", Map.of("abc", 1))), "invalid_payload");
            assertFailed(a.request("sync", Map.of("rooms", Map.of(String.valueOf(room), "many"))), "invalid_payload");
            assertFailed(a.request("sync", Map.of("rooms", Map.of(String.valueOf(room), -1))), "invalid_payload");
            assertFailed(a.request("sync", Map.of("roomId", room, "lastSeq", -5)), "invalid_payload");
            assertThat(api.history(pair.a(), room, "")).isEmpty();
            // Digit strings are ids too: that is how a page's form sends them.
            assertOk(a.request("send-message", Map.of("roomId", String.valueOf(room), "content", "hi")));
        }
    }

    @Test
    void anAckIdIsAnsweredExactlyOnceWhateverTheOutcome() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            var pending = new ArrayList<CompletableFuture<JsonNode>>();
            pending.add(a.requestAsync("send-message", Map.of("roomId", pair.room(), "content", "ok")));
            pending.add(a.requestAsync("send-message", Map.of("roomId", 9_999_999, "content", "nowhere")));
            pending.add(a.requestAsync("nonsense", Map.of()));
            pending.add(a.requestAsync("typing-start", Map.of("roomId", pair.room())));
            pending.add(a.requestAsync("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
            pending.add(a.requestAsync("leave-room", Map.of("roomId", pair.room())));
            pending.add(a.requestAsync("leave-room", Map.of("roomId", pair.room())));
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            JsonNode last = a.request("update-presence", Map.of("status", "online"));
            assertOk(last);

            for (long id = 1; id <= 8; id++)
                assertThat(a.ackCount(id)).as("acks of %d", id).isEqualTo(1);
            assertThat(a.acks()).hasSize(8);
            assertThat(pending.stream()
                            .map(f -> f.join().path("success").asBoolean())
                            .toList())
                    .containsExactly(true, false, false, true, true, true, false);
        }
    }

    @Test
    void aFlurryOfFramesIsRateLimitedWithOneAckPerFrame() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            var pending = new ArrayList<CompletableFuture<JsonNode>>();
            for (int i = 0; i < 400; i++) pending.add(a.requestAsync("typing-stop", Map.of("roomId", pair.room())));
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

            List<JsonNode> answers =
                    pending.stream().map(CompletableFuture::join).toList();
            long limited = answers.stream()
                    .filter(r -> r.path("error").path("code").asText().equals("rate_limited"))
                    .count();
            long ok =
                    answers.stream().filter(r -> r.path("success").asBoolean()).count();
            assertThat(ok + limited)
                    .as("every frame is either run or refused as too many")
                    .isEqualTo(400);
            assertThat(limited)
                    .as("more than a burst and a second's worth came at once")
                    .isPositive();
            assertThat(ok)
                    .as("a burst of five seconds' worth is allowed")
                    .isGreaterThanOrEqualTo(dev.parley.live.Live.FRAMES_PER_SECOND * 5);
            answers.stream().filter(r -> !r.path("success").asBoolean()).forEach(r -> assertFailed(r, "rate_limited"));
            for (long id = 1; id <= 400; id++) assertThat(a.ackCount(id)).isEqualTo(1);

            // A limit, not a ban: the bucket refills and the same socket goes on.
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> a.request("send-message", Map.of("roomId", pair.room(), "content", "patience"))
                            .path("success")
                            .asBoolean());
            assertThat(a.closed()).isNotDone();
        }
    }

    @Test
    void aFrameOver64KiBClosesTheSocketWith1009AndOthersCarryOn() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.event("online-users");
            // Just under the limit is read, and refused for its content alone.
            assertFailed(
                    a.request("send-message", Map.of("roomId", pair.room(), "content", "x".repeat(60_000))),
                    "too_large");

            a.send(frame(1, "send-message", Map.of("roomId", pair.room(), "content", "x".repeat(70_000))));
            assertThat(a.closeCode()).isEqualTo(1009);

            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "carry on")));
            assertThat(api.history(pair.b(), pair.room(), "")).hasSize(1);
        }
    }
}
