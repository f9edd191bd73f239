package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mark-read: a per-room watermark that only moves up, announced to the room, and only for rooms the reader is in. */
class ReadReceiptsIT extends OneServer {

    @Test
    void markReadByRoomAndSeqAcksTheWatermarkAndTellsTheRoom() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        for (int i = 0; i < 3; i++) api.say(pair.a(), pair.room(), "m" + i);
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            JsonNode marks = assertOk(b.request("mark-read", Map.of("roomId", pair.room(), "seq", 2)));
            assertThat(marks.isArray()).isTrue();
            assertThat(marks).hasSize(1);
            assertThat(marks.get(0).path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(marks.get(0).path("seq").asLong()).isEqualTo(2);

            JsonNode read = a.event("message-read").path("data");
            assertThat(read.path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(read.path("userId").asLong()).isEqualTo(pair.b().userId());
            assertThat(read.path("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aWatermarkNeverMovesBackAndStopsAtTheNewestMessage() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        for (int i = 0; i < 3; i++) api.say(pair.a(), pair.room(), "m" + i);
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            assertThat(assertOk(b.request("mark-read", Map.of("roomId", pair.room(), "seq", 99)))
                            .get(0)
                            .path("seq")
                            .asLong())
                    .as("clamped to the newest message")
                    .isEqualTo(3);
            assertThat(assertOk(b.request("mark-read", Map.of("roomId", pair.room(), "seq", 1)))
                            .get(0)
                            .path("seq")
                            .asLong())
                    .as("never back")
                    .isEqualTo(3);
            assertThat(assertOk(b.request("mark-read", Map.of("roomId", pair.room(), "seq", 3)))
                            .get(0)
                            .path("seq")
                            .asLong())
                    .isEqualTo(3);

            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "marker")));
            a.event("new-message", d -> d.path("content").asText().equals("marker"));
            assertThat(a.events("message-read")).as("only a move is news").hasSize(1);
            assertThat(a.events("message-read").get(0).path("data").path("seq").asLong())
                    .isEqualTo(3);
        }
    }

    @Test
    void markReadByMessageIdsAcksOneWatermarkPerRoom() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long second = api.createRoom(pair.a(), ApiClient.fresh("second"), false);
        api.join(pair.b(), second);
        long m1 = api.say(pair.a(), pair.room(), "one").path("id").asLong();
        long m2 = api.say(pair.a(), pair.room(), "two").path("id").asLong();
        api.say(pair.a(), pair.room(), "three");
        long n1 = api.say(pair.a(), second, "elsewhere").path("id").asLong();
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            JsonNode marks = assertOk(b.request("mark-read", Map.of("messageIds", List.of(m2, n1, m1))));

            assertThat(marks).hasSize(2);
            assertThat(watermark(marks, pair.room())).isEqualTo(2);
            assertThat(watermark(marks, second)).isEqualTo(1);
            a.event(
                    "message-read",
                    d -> d.path("roomId").asLong() == pair.room()
                            && d.path("seq").asLong() == 2);
            a.event(
                    "message-read",
                    d -> d.path("roomId").asLong() == second && d.path("seq").asLong() == 1);
        }
    }

    @Test
    void markReadOfAnUnknownMessageIsNotFoundAndMarksNothing() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long m1 = api.say(pair.a(), pair.room(), "one").path("id").asLong();
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            assertFailed(b.request("mark-read", Map.of("messageIds", List.of(m1, 9_999_999))), "not_found");
            assertThat(assertOk(b.request("mark-read", Map.of("roomId", pair.room(), "seq", 0)))
                            .get(0)
                            .path("seq")
                            .asLong())
                    .as("all or nothing")
                    .isZero();
        }
    }

    @Test
    void markReadInARoomYouAreNotInIsRefusedWithoutRevealingPrivateRooms() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long open = api.createRoom(ann, ApiClient.fresh("open"), false);
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        long inOpen = api.say(ann, open, "public").path("id").asLong();
        long inSecret = api.say(ann, secret, "private").path("id").asLong();
        try (var a = LiveClient.json(server, ann.accessToken());
                var b = LiveClient.json(server, bob.accessToken())) {
            a.ready();
            assertFailed(b.request("mark-read", Map.of("roomId", open, "seq", 1)), "not_member");
            assertFailed(b.request("mark-read", Map.of("messageIds", List.of(inOpen))), "not_member");
            assertFailed(b.request("mark-read", Map.of("roomId", secret, "seq", 1)), "not_found");
            JsonNode hidden =
                    assertFailed(b.request("mark-read", Map.of("messageIds", List.of(inSecret))), "not_found");
            JsonNode missing =
                    assertFailed(b.request("mark-read", Map.of("messageIds", List.of(9_999_999))), "not_found");
            assertThat(hidden.path("error").path("message").asText())
                    .as("a private room's message looks like a missing one")
                    .isEqualTo(missing.path("error").path("message").asText());

            assertOk(a.request("send-message", Map.of("roomId", open, "content", "marker")));
            a.event("new-message", d -> d.path("content").asText().equals("marker"));
            assertThat(a.events("message-read")).isEmpty();
        }
    }

    @Test
    void badMarkReadPayloadsAreInvalid() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            assertFailed(b.request("mark-read", Map.of("roomId", pair.room())), "invalid_payload");
            assertFailed(b.request("mark-read", Map.of("roomId", pair.room(), "seq", -1)), "invalid_payload");
            assertFailed(b.request("mark-read", Map.of("roomId", pair.room(), "seq", "lots")), "invalid_payload");
            assertFailed(b.request("mark-read", Map.of("messageIds", "1,2")), "invalid_payload");
            assertFailed(b.request("mark-read", Map.of("messageIds", List.of())), "invalid_payload");
            assertFailed(b.request("mark-read", Map.of("messageIds", List.of("x"))), "invalid_payload");
            assertFailed(
                    b.request("mark-read", Map.of("messageIds", java.util.Collections.nCopies(101, 1))),
                    "invalid_payload");
        }
    }

    private static long watermark(JsonNode marks, long roomId) {
        for (JsonNode m : marks)
            if (m.path("roomId").asLong() == roomId) return m.path("seq").asLong();
        throw new AssertionError("no mark for room " + roomId + " in " + marks);
    }
}
