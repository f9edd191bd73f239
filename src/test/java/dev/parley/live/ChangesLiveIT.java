package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Person;
import dev.parley.testing.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Edits, deletes and reactions over the socket: each takes the room's next seq, reaches everyone
 * in the room live in that order, is acknowledged after its event, retried safely by clientId,
 * and replayed by sync to a socket that was dead while it happened — in both formats.
 */
class ChangesLiveIT extends OneServer {

    private static final List<String> CHANGE_EVENTS =
            List.of("new-message", "message-edited", "message-deleted", "reaction-added", "reaction-removed");

    @Test
    void everyChangeReachesTheRoomLiveInSeqOrderAndItsAckComesAfterItsEvent() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            JsonNode posted = assertOk(a.request("send-message", Map.of("roomId", room, "content", "helo")));
            long id = posted.path("id").asLong();

            JsonNode edited = assertOk(a.request(
                    "edit-message",
                    Map.of("roomId", room, "messageId", id, "content", "**hello**", "clientId", "e-1")));
            assertThat(edited.path("seq").asLong()).isEqualTo(2);
            assertThat(edited.path("message").path("content").asText()).isEqualTo("**hello**");
            assertThat(edited.path("message").path("html").asText()).isEqualTo("<strong>hello</strong>");
            assertThat(edited.path("message").path("editedAt").asText()).isNotBlank();

            JsonNode reacted =
                    assertOk(b.request("add-reaction", Map.of("roomId", room, "messageId", id, "emoji", "👍")));
            assertThat(reacted.path("seq").asLong()).isEqualTo(3);
            assertThat(reacted.path("message")
                            .path("reactions")
                            .get(0)
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
            assertOk(a.request("add-reaction", Map.of("roomId", room, "messageId", id, "emoji", "👍")));
            assertOk(b.request("remove-reaction", Map.of("roomId", room, "messageId", id, "emoji", "👍")));
            JsonNode deleted = assertOk(a.request("delete-message", Map.of("roomId", room, "messageId", id)));
            assertThat(deleted.path("seq").asLong()).isEqualTo(6);
            assertThat(deleted.path("message").path("deleted").asBoolean()).isTrue();
            assertThat(deleted.path("message").path("content").asText()).isEmpty();

            await().atMost(Duration.ofSeconds(10)).until(() -> changes(b, room).size() >= 6);
            List<JsonNode> seen = changes(b, room);
            assertThat(seen.stream().map(e -> e.path("event").asText()))
                    .containsExactly(
                            "new-message",
                            "message-edited",
                            "reaction-added",
                            "reaction-added",
                            "reaction-removed",
                            "message-deleted");
            assertThat(seen.stream().map(e -> e.path("data").path("seq").asLong()))
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            JsonNode edit = seen.get(1).path("data");
            assertThat(edit.path("messageId").asLong()).isEqualTo(id);
            assertThat(edit.path("content").asText()).isEqualTo("**hello**");
            assertThat(edit.path("html").asText()).isEqualTo("<strong>hello</strong>");
            assertThat(edit.path("user").path("id").asLong()).isEqualTo(pair.a().userId());
            assertThat(edit.path("clientId").asText()).isEqualTo("e-1");
            assertThat(seen.get(2).path("data").path("emoji").asText()).isEqualTo("👍");
            assertThat(seen.get(2).path("data").path("user").path("id").asLong())
                    .isEqualTo(pair.b().userId());

            // The author's own socket got each change before its ack.
            List<JsonNode> frames = a.jsons();
            int editEvent = indexOf(frames, f -> f.path("event").asText().equals("message-edited"));
            int editAck = indexOf(
                    frames,
                    f -> LiveClient.isAck(f) && f.path("data").path("seq").asLong() == 2);
            assertThat(editEvent).isNotNegative().isLessThan(editAck);

            // Changes are not messages: nothing unread for bob, whose last read is the message itself.
            assertOk(b.request("mark-read", Map.of("roomId", room, "seq", 1)));
            JsonNode listing = api.get("/api/rooms", pair.b().accessToken()).json();
            for (JsonNode r : listing) {
                if (r.path("id").asLong() == room)
                    assertThat(r.path("unread").asLong()).isZero();
            }
        }
    }

    @Test
    void aRetriedChangeWithTheSameClientIdIsStoredAndDeliveredOnce() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        long id = api.say(pair.a(), room, "typo").path("id").asLong();
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            var edit = Map.of("roomId", room, "messageId", id, "content", "fixed", "clientId", "edit-once");
            JsonNode first = assertOk(a.request("edit-message", edit));
            JsonNode retry = assertOk(a.request("edit-message", edit));
            try (var again = LiveClient.json(server, pair.a().accessToken())) {
                assertThat(assertOk(again.request("edit-message", edit))).isEqualTo(first);
            }
            assertThat(retry).isEqualTo(first);
            var react = Map.of("roomId", room, "messageId", id, "emoji", "🎉", "clientId", "react-once");
            assertThat(assertOk(b.request("add-reaction", react)).path("seq").asLong())
                    .isEqualTo(3);
            assertThat(assertOk(b.request("add-reaction", react)).path("seq").asLong())
                    .isEqualTo(3);
            // Adding what is there already, without a clientId, changes nothing and takes no seq.
            JsonNode twice =
                    assertOk(b.request("add-reaction", Map.of("roomId", room, "messageId", id, "emoji", "🎉")));
            assertThat(twice.path("seq").isNull()).isTrue();
            LiveClient.pause(300);
            assertThat(b.events("message-edited")).hasSize(1);
            assertThat(b.events("reaction-added")).hasSize(1);
            // A clientId names one change: used again for another, it is refused.
            assertFailed(
                    a.request("delete-message", Map.of("roomId", room, "messageId", id, "clientId", "edit-once")),
                    "invalid_payload");
        }
    }

    @Test
    void aSocketDeadWhileChangesHappenedGetsThemAllBySyncOnceEachInOrder() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        long kept = api.say(pair.a(), room, "kept").path("id").asLong();
        var b = LiveClient.json(server, pair.b().accessToken());
        b.ready();
        b.kill();
        try (var a = LiveClient.json(server, pair.a().accessToken())) {
            long gone = assertOk(a.request("send-message", Map.of("roomId", room, "content", "secret plan")))
                    .path("id")
                    .asLong();
            assertOk(a.request("edit-message", Map.of("roomId", room, "messageId", gone, "content", "secret plan v2")));
            assertOk(a.request("edit-message", Map.of("roomId", room, "messageId", kept, "content", "kept, edited")));
            assertOk(a.request("add-reaction", Map.of("roomId", room, "messageId", kept, "emoji", "❤️")));
            assertOk(a.request("delete-message", Map.of("roomId", room, "messageId", gone)));
        }
        try (var again = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode synced = assertOk(again.request("sync", Map.of("rooms", Map.of(String.valueOf(room), 1))));
            assertThat(synced.path("replayed").asInt()).isEqualTo(5);
            List<JsonNode> seen = changes(again, room);
            assertThat(seen.stream().map(e -> e.path("data").path("seq").asLong()))
                    .containsExactly(2L, 3L, 4L, 5L, 6L);
            assertThat(seen.stream().map(e -> e.path("event").asText()))
                    .containsExactly(
                            "new-message", "message-edited", "message-edited", "reaction-added", "message-deleted");
            // The deleted message's text is gone from storage: its replay and its earlier edit carry none.
            assertThat(seen.get(0).path("data").path("content").asText()).isEmpty();
            assertThat(seen.get(0).path("data").path("deleted").asBoolean()).isTrue();
            assertThat(seen.get(1).path("data").path("content").asText()).isEmpty();
            assertThat(seen.get(2).path("data").path("content").asText()).isEqualTo("kept, edited");
            assertThat(seen.get(3).path("data").path("emoji").asText()).isEqualTo("❤️");
            assertThat(again.texts()).noneMatch(t -> t.contains("secret plan"));
        }
        JsonNode history = api.history(pair.b(), room, "");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("content").asText()).isEqualTo("kept, edited");
        assertThat(history.get(0).path("reactions").get(0).path("emoji").asText())
                .isEqualTo("❤️");
        assertThat(history.get(1).path("deleted").asBoolean()).isTrue();
        assertThat(history.toString()).doesNotContain("secret plan");
    }

    @Test
    void aPageGetsEachChangeAsItsMessageDrawnAgainAndReplaysThemAfterSleeping() {
        Person annPerson = person("ann");
        Person bobPerson = person("bob");
        WebClient annBrowser = new WebClient(server).signUp(annPerson);
        var ann = api.login(annPerson);
        var bob = api.register(bobPerson);
        long room = annBrowser.createRoom(ApiClient.fresh("changes"), false);
        api.join(bob, room);
        long id = api.say(bob, room, "first draft").path("id").asLong();
        long reply = assertOkHttp(api.post(
                        "/api/rooms/" + room + "/messages",
                        ann.accessToken(),
                        Map.of("content", "answer", "replyTo", id)))
                .path("id")
                .asLong();
        try (var page = openPage(annBrowser, room, 2)) {
            edit(bob, room, id, "final _draft_");
            String text = page.awaitText(t -> t.contains("final"));
            Document doc = Jsoup.parseBodyFragment(text);
            Element li = doc.selectFirst("li.message#message-" + id);
            assertThat(li).isNotNull();
            assertThat(li.select(".body").html()).isEqualTo("final <em>draft</em>");
            assertThat(li.select(".edited").text()).isEqualTo("(edited)");
            assertThat(doc.select("[hx-swap-oob^=innerHTML:.excerpt-of-" + id + "]")
                            .text())
                    .isEqualTo("final _draft_");
            assertThat(doc.selectFirst("input#room-" + room + "-last-seq").attr("value"))
                    .isEqualTo("3");
            assertThat(reply).isPositive();
        }
        // Asleep through an edit, a reaction and a delete: the page's sync brings all three, once each, in order.
        edit(ann, room, reply, "answer, edited");
        api.send(api.request("/api/rooms/" + room + "/messages/" + reply + "/reactions/%F0%9F%91%8D")
                .header("Authorization", "Bearer " + bob.accessToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        api.send(api.request("/api/rooms/" + room + "/messages/" + id)
                .header("Authorization", "Bearer " + bob.accessToken())
                .DELETE());
        try (var page = openPage(annBrowser, room, 3)) {
            page.awaitText(t -> t.contains("message deleted"));
            LiveClient.pause(300);
            List<String> texts = page.texts().stream()
                    .filter(t -> t.contains("li class=\"message"))
                    .toList();
            assertThat(texts).hasSize(3);
            assertThat(texts.stream()
                            .map(t -> Jsoup.parseBodyFragment(t)
                                    .selectFirst("input[name=lastSeq]")
                                    .attr("value")))
                    .containsExactly("4", "5", "6");
            Document edited = Jsoup.parseBodyFragment(texts.get(0));
            assertThat(edited.select("#message-" + reply + " .body").text()).isEqualTo("answer, edited");
            Document reacted = Jsoup.parseBodyFragment(texts.get(1));
            Element chip = reacted.selectFirst("#message-" + reply + " .reaction");
            assertThat(chip.attr("data-users")).isEqualTo(" " + bob.userId() + " ");
            assertThat(chip.select(".count").text()).isEqualTo("1");
            assertThat(chip.select("button").attr("title")).isEqualTo(bob.username());
            Document deleted = Jsoup.parseBodyFragment(texts.get(2));
            assertThat(deleted.select("#message-" + id + ".deleted .body").text())
                    .isEqualTo("message deleted");
            assertThat(texts.get(2)).doesNotContain("draft");
        }
    }

    private static JsonNode assertOkHttp(dev.parley.testing.Reply r) {
        assertThat(r.status()).as("%s", r).isBetween(200, 201);
        return r.json();
    }

    private static void edit(ApiClient.Session who, long room, long id, String content) {
        var r = ApiClient.send(api.request("/api/rooms/" + room + "/messages/" + id)
                .header("Authorization", "Bearer " + who.accessToken())
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                dev.parley.render.Json.write(Map.of("content", content)))));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    private static LiveClient openPage(WebClient who, long roomId, long lastSeq) {
        var page = LiveClient.page(server, cookieHeader(who), "?room=" + roomId);
        page.send("{\"roomId\":\"" + roomId + "\",\"lastSeq\":\"" + lastSeq + "\",\"event\":\"sync\","
                + "\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,\"HX-Trigger-Name\":null,\"HX-Target\":\"live\",\"HX-Current-URL\":\"/rooms/"
                + roomId + "\"}}");
        return page;
    }

    private static List<JsonNode> changes(LiveClient c, long room) {
        return c.events().stream()
                .filter(e -> CHANGE_EVENTS.contains(e.path("event").asText()))
                .filter(e -> e.path("data").path("roomId").asLong() == room)
                .toList();
    }

    private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < frames.size(); i++) if (p.test(frames.get(i))) return i;
        return -1;
    }
}
