package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.frame;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.MessageContent;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** send-message: the ack is the stored message, everyone in the room gets it once, retries are idempotent. */
class MessagesLiveIT extends OneServer {

    @Test
    void sendMessageAcksTheStoredMessageAndOthersGetTheSameAsNewMessage() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            JsonNode message = assertOk(a.request(
                    "send-message", Map.of("roomId", pair.room(), "content", "hi <b>bob</b>", "clientId", "c-1")));

            assertThat(message.path("id").asLong()).isPositive();
            assertThat(message.path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(message.path("seq").asLong()).isEqualTo(1);
            assertThat(message.path("user").path("id").asLong())
                    .isEqualTo(pair.a().userId());
            assertThat(message.path("user").path("username").asText())
                    .isEqualTo(pair.a().username());
            assertThat(message.path("content").asText()).isEqualTo("hi <b>bob</b>");
            assertThat(message.path("html").asText()).isEqualTo("hi &lt;b&gt;bob&lt;/b&gt;");
            assertThat(message.path("createdAt").asText()).isNotBlank();
            assertThat(message.path("clientId").asText()).isEqualTo("c-1");

            JsonNode got = b.event("new-message").path("data");
            assertThat(got).isEqualTo(message);
            assertThat(api.history(pair.b(), pair.room(), "").get(0)).isEqualTo(message);
        }
    }

    @Test
    void theAckOfASendComesAfterTheMessageReachedTheSendersOwnSocket() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            a.ready();
            var pending = new ArrayList<CompletableFuture<JsonNode>>();
            for (int i = 0; i < 20; i++) {
                pending.add(a.requestAsync(
                        "send-message", Map.of("roomId", pair.room(), "content", "m" + i, "clientId", "order-" + i)));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

            List<JsonNode> frames = a.jsons();
            for (var ack : pending) {
                long id = ack.join().path("data").path("id").asLong();
                int ackAt = indexOf(
                        frames,
                        f -> LiveClient.isAck(f) && f.path("data").path("id").asLong() == id);
                int messageAt = indexOf(
                        frames,
                        f -> f.path("event").asText().equals("new-message")
                                && f.path("data").path("id").asLong() == id);
                assertThat(messageAt)
                        .as("new-message %d reaches its sender", id)
                        .isNotNegative();
                assertThat(messageAt).as("new-message %d before its ack", id).isLessThan(ackAt);
            }
            assertThat(a.seqs(pair.room())).isEqualTo(LiveFixtures.range(1, 20));
        }
    }

    @Test
    void aSocketsFramesTakeEffectInTheOrderItSentThemWhileItsSendsAreStillCommitting() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            a.ready();
            var sends = new ArrayList<CompletableFuture<JsonNode>>();
            for (int i = 0; i < 30; i++) {
                sends.add(a.requestAsync("send-message", Map.of("roomId", pair.room(), "content", "m" + i)));
            }
            var leave = a.requestAsync("leave-room", Map.of("roomId", pair.room()));
            var afterLeaving = a.requestAsync("send-message", Map.of("roomId", pair.room(), "content", "too late"));

            for (int i = 0; i < sends.size(); i++) {
                assertThat(assertOk(sends.get(i).join()).path("seq").asLong()).isEqualTo(i + 1);
            }
            assertOk(leave.join());
            assertFailed(afterLeaving.join(), "not_member");
            List<Long> ackOrder =
                    a.acks().stream().map(ack -> ack.path("ack").asLong()).toList();
            assertThat(ackOrder).isSorted();
            assertThat(api.history(pair.b(), pair.room(), "")).hasSize(30);
        }
    }

    @Test
    void aRetriedSendWithTheSameClientIdReturnsTheSameMessageAndIsDeliveredOnce() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            var send = Map.of("roomId", pair.room(), "content", "only once", "clientId", "retry-1");
            JsonNode first = assertOk(a.request("send-message", send));
            JsonNode retry = assertOk(a.request("send-message", send));
            // The retry may come from another socket of the same person, after a reconnect.
            try (var again = LiveClient.json(server, pair.a().accessToken())) {
                JsonNode third = assertOk(again.request("send-message", send));
                assertThat(third).isEqualTo(first);
            }
            assertThat(retry).isEqualTo(first);

            assertOk(a.request(
                    "send-message", Map.of("roomId", pair.room(), "content", "marker", "clientId", "retry-2")));
            b.event("new-message", d -> d.path("content").asText().equals("marker"));
            assertThat(b.events("new-message")).hasSize(2);
            assertThat(b.seqs(pair.room())).containsExactly(1L, 2L);
            assertThat(api.history(pair.b(), pair.room(), "")).hasSize(2);
        }
    }

    @Test
    void theSameClientIdFromSomeoneElseIsAnotherMessage() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode fromAnn = assertOk(
                    a.request("send-message", Map.of("roomId", pair.room(), "content", "mine", "clientId", "same")));
            JsonNode fromBob = assertOk(b.request(
                    "send-message", Map.of("roomId", pair.room(), "content", "mine too", "clientId", "same")));
            assertThat(fromBob.path("id").asLong())
                    .isNotEqualTo(fromAnn.path("id").asLong());
            assertThat(fromBob.path("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void messagesPostedOverHttpReachTheSockets() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            JsonNode posted = api.say(pair.a(), pair.room(), "from a script");
            assertThat(b.event("new-message").path("data")).isEqualTo(posted);
        }
    }

    @Test
    void aMessageOfMoreThan4000CharactersIsTooLargeAndNotStored() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            JsonNode refused = assertFailed(
                    a.request(
                            "send-message",
                            Map.of("roomId", pair.room(), "content", "x".repeat(MessageContent.MAX_LENGTH + 1))),
                    "too_large");
            assertThat(refused.path("error").path("field").asText()).isEqualTo("content");
            assertOk(a.request(
                    "send-message", Map.of("roomId", pair.room(), "content", "y".repeat(MessageContent.MAX_LENGTH))));
            assertThat(api.history(pair.a(), pair.room(), "")).hasSize(1);
        }
    }

    @Test
    void sendingToAPublicRoomYouHaveNotJoinedIsNotMemberAndToAPrivateOneNotFound() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long open = api.createRoom(ann, ApiClient.fresh("open"), false);
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        try (var b = LiveClient.json(server, bob.accessToken())) {
            assertFailed(b.request("send-message", Map.of("roomId", open, "content", "hi")), "not_member");
            assertFailed(b.request("send-message", Map.of("roomId", secret, "content", "hi")), "not_found");
            assertFailed(b.request("send-message", Map.of("roomId", 9_999_999, "content", "hi")), "not_found");
            assertThat(api.history(ann, open, "")).isEmpty();
            assertThat(api.history(ann, secret, "")).isEmpty();
        }
    }

    @Test
    void aStringAckIdIsAnsweredWithTheSameString() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            JsonNode ack =
                    a.raw("send-1", frame("send-1", "send-message", Map.of("roomId", pair.room(), "content", "hi")));
            assertThat(ack.path("ack").isTextual()).isTrue();
            assertThat(ack.path("ack").asText()).isEqualTo("send-1");
            assertOk(ack);
            assertThat(a.ackCount("send-1")).isEqualTo(1);
        }
    }

    @Test
    void aPageStyleFlatFrameWithDigitStringsIsUnderstood() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            // What htmx's ws-send sends: the form's fields beside "event", all strings, and its HEADERS.
            a.send("{\"event\":\"send-message\",\"roomId\":\"" + pair.room()
                    + "\",\"content\":\"from a form\",\"clientId\":\"f-1\","
                    + "\"HEADERS\":{\"HX-Request\":\"true\"}}");
            assertThat(b.event("new-message").path("data").path("content").asText())
                    .isEqualTo("from a form");
        }
    }

    private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> wanted) {
        for (int i = 0; i < frames.size(); i++) if (wanted.test(frames.get(i))) return i;
        return -1;
    }
}
