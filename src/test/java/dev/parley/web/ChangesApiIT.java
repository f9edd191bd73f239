package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static dev.parley.testing.Person.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.render.Json;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edits, deletes, reactions and replies over HTTP: who may make each, retries by clientId, and
 * every refusal with its code and nothing changed. Alice is the admin; Bob owns the room; Carol
 * is a member; Dave reads it without joining.
 */
class ChangesApiIT {

    private static TestServer server;
    private static ApiClient api;
    private static Session alice;
    private static Session bob;
    private static Session carol;
    private static Session dave;

    private long room;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
        carol = api.register(CAROL);
        dave = api.register(DAVE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void room() {
        room = api.createRoom(bob, fresh("changes"), false);
        api.join(carol, room);
        api.join(alice, room);
    }

    @Test
    void anEditAnswersTheMessageAsItNowIsAndARetryWithItsClientIdChangesNothing() {
        long id = api.say(carol, room, "helo").path("id").asLong();

        Reply first = edit(carol, room, id, Map.of("content", "hello *there*", "clientId", "fix-1"));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().path("seq").asLong()).isEqualTo(2);
        JsonNode message = first.json().path("message");
        assertThat(message.path("content").asText()).isEqualTo("hello *there*");
        assertThat(message.path("html").asText()).isEqualTo("hello <em>there</em>");
        assertThat(message.path("editedAt").asText()).isNotBlank();
        assertThat(message.path("seq").asLong()).isEqualTo(1);

        Reply retry = edit(carol, room, id, Map.of("content", "hello *there*", "clientId", "fix-1"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(lastSeq()).isEqualTo(2);
        JsonNode history = api.history(carol, room, "");
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).isEqualTo(message);
        assertThat(api.get("/api/rooms/" + room + "/messages/" + id, dave.accessToken())
                        .json())
                .isEqualTo(message);
    }

    @Test
    void onlyTheAuthorEditsNotTheOwnerNorAnAdmin() {
        long id = api.say(carol, room, "mine").path("id").asLong();
        assertRefused(edit(bob, room, id, Map.of("content", "owner's")), 403, "forbidden");
        assertRefused(edit(alice, room, id, Map.of("content", "admin's")), 403, "forbidden");
        assertRefused(edit(dave, room, id, Map.of("content", "reader's")), 403, "not_member");
        assertUnchanged(id, "mine", 1);
    }

    @Test
    void badEditsAreRefusedWithTheirCodesAndChangeNothing() {
        long id = api.say(carol, room, "original").path("id").asLong();
        long other = api.createRoom(bob, fresh("other"), false);
        api.join(carol, other);
        long elsewhere = api.say(carol, other, "elsewhere").path("id").asLong();

        assertRefused(edit(carol, room, id, Map.of("content", "   ")), 400, "invalid_payload");
        assertRefused(edit(carol, room, id, Map.of("content", "x".repeat(4001))), 413, "too_large");
        assertRefused(edit(carol, room, id, Map.of()), 400, "invalid_payload");
        assertRefused(edit(carol, room, id, Map.of("content", "x", "clientId", "bad id")), 400, "invalid_payload");
        assertRefused(edit(carol, room, 999_999, Map.of("content", "x")), 404, "not_found");
        assertRefused(edit(carol, room, elsewhere, Map.of("content", "x")), 404, "not_found");
        assertRefused(edit(carol, 999_999, id, Map.of("content", "x")), 404, "not_found");
        assertUnchanged(id, "original", 1);

        assertThat(delete(carol, room, id).status()).isEqualTo(200);
        assertRefused(edit(carol, room, id, Map.of("content", "back from the dead")), 409, "conflict");
        assertThat(lastSeq()).isEqualTo(2);
    }

    @Test
    void theAuthorTheRoomsOwnerAndAnAdminDeleteOthersDoNot() {
        long byAuthor = api.say(carol, room, "one").path("id").asLong();
        long byOwner = api.say(carol, room, "two").path("id").asLong();
        long byAdmin = api.say(carol, room, "three").path("id").asLong();
        long refused = api.say(bob, room, "four").path("id").asLong();

        assertRefused(delete(carol, room, refused), 403, "forbidden");
        assertRefused(delete(dave, room, refused), 403, "forbidden");
        assertUnchanged(refused, "four", 4);

        for (var pair : Map.of(byAuthor, carol, byOwner, bob, byAdmin, alice).entrySet()) {
            Reply r = delete(pair.getValue(), room, pair.getKey());
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.json().path("message").path("deleted").asBoolean()).isTrue();
            assertThat(r.json().path("message").path("content").asText()).isEmpty();
            assertThat(r.json().path("message").path("html").asText()).isEmpty();
        }
        assertThat(lastSeq()).isEqualTo(7);
        // Deleting what is deleted changes nothing and takes no seq.
        Reply again = delete(carol, room, byAuthor);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("seq").isNull()).isTrue();
        assertThat(lastSeq()).isEqualTo(7);
        assertThat(api.history(dave, room, "").toString()).doesNotContain("one", "two", "three");
    }

    @Test
    void reactionsToggleCountWhoAndAreIdempotent() {
        long id = api.say(carol, room, "lunch?").path("id").asLong();
        assertThat(react(bob, id, "🍕", true).json().path("seq").asLong()).isEqualTo(2);
        assertThat(react(bob, id, "🍕", true).json().path("seq").isNull()).isTrue();
        assertThat(react(carol, id, "🍕", true).status()).isEqualTo(200);
        JsonNode reacted = react(alice, id, "👍🏽", true).json().path("message");
        assertThat(reacted.path("reactions"))
                .isEqualTo(tree(java.util.List.of(
                        Map.of(
                                "emoji",
                                "🍕",
                                "count",
                                2,
                                "users",
                                java.util.List.of(
                                        Map.of("id", bob.userId(), "username", "bob"),
                                        Map.of("id", carol.userId(), "username", "carol"))),
                        Map.of(
                                "emoji",
                                "👍🏽",
                                "count",
                                1,
                                "users",
                                java.util.List.of(Map.of("id", alice.userId(), "username", "alice"))))));
        assertThat(react(bob, id, "🍕", false).json().path("seq").asLong()).isEqualTo(5);
        assertThat(react(bob, id, "🍕", false).json().path("seq").isNull()).isTrue();
        JsonNode now = api.history(dave, room, "").get(0).path("reactions");
        assertThat(now.get(0).path("count").asInt()).isEqualTo(1);
        assertThat(now.get(0).path("users").get(0).path("username").asText()).isEqualTo("carol");
        // Retried with the same clientId after a toggle: the first answer, not a new change.
        Reply once = react(bob, id, "🎉", true, "party-1");
        react(bob, id, "🎉", false);
        assertThat(react(bob, id, "🎉", true, "party-1").json().path("seq"))
                .isEqualTo(once.json().path("seq"));
    }

    @Test
    void badReactionsAreRefusedWithTheirCodes() {
        long id = api.say(carol, room, "react to me").path("id").asLong();
        assertRefused(react(bob, id, "plus one", true), 400, "invalid_payload");
        assertRefused(react(bob, id, "<b>", true), 400, "invalid_payload");
        assertRefused(react(bob, id, "1", true), 400, "invalid_payload");
        assertRefused(react(bob, id, "👍".repeat(17), true), 413, "too_large");
        assertRefused(react(dave, id, "👍", true), 403, "not_member");
        assertRefused(react(bob, 999_999, "👍", true), 404, "not_found");
        assertThat(react(bob, id, "1️⃣", true).status()).isEqualTo(200);
        assertThat(react(bob, id, "🇫🇷", true).status()).isEqualTo(200);
        assertThat(react(bob, id, "👩‍👩‍👧", true).status()).isEqualTo(200);
        assertThat(lastSeq()).isEqualTo(4);
    }

    @Test
    void aReplyCarriesAnExcerptOfTheOriginalThatFollowsItsEditsAndDelete() {
        long original =
                api.say(carol, room, "What time\nis the demo?").path("id").asLong();
        Reply posted = api.post(
                "/api/rooms/" + room + "/messages",
                bob.accessToken(),
                Map.of("content", "At three.", "replyTo", original));
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        JsonNode reply = posted.json().path("reply");
        assertThat(reply.path("messageId").asLong()).isEqualTo(original);
        assertThat(reply.path("seq").asLong()).isEqualTo(1);
        assertThat(reply.path("user").path("username").asText()).isEqualTo("carol");
        assertThat(reply.path("excerpt").asText()).isEqualTo("What time is the demo?");

        edit(carol, room, original, Map.of("content", "When is the demo?"));
        assertThat(api.history(dave, room, "")
                        .get(1)
                        .path("reply")
                        .path("excerpt")
                        .asText())
                .isEqualTo("When is the demo?");
        delete(carol, room, original);
        JsonNode after = api.history(dave, room, "").get(1).path("reply");
        assertThat(after.path("deleted").asBoolean()).isTrue();
        assertThat(after.path("excerpt").asText()).isEmpty();
    }

    @Test
    void aReplyToAMessageOfAnotherRoomOrOneUnknownIsRefused() {
        long other = api.createRoom(bob, fresh("other"), false);
        long secret = api.createRoom(alice, fresh("secret"), true);
        long there = api.say(bob, other, "over there").path("id").asLong();
        long hidden = api.say(alice, secret, "hidden").path("id").asLong();
        long here = api.say(bob, room, "here").path("id").asLong();
        delete(bob, room, here);

        assertRefused(replyTo(there), 400, "invalid_payload");
        assertRefused(replyTo(hidden), 404, "not_found");
        assertRefused(replyTo(999_999), 404, "not_found");
        assertRefused(replyTo(here), 409, "conflict");
        assertThat(api.history(carol, room, "")).hasSize(1);
    }

    @Test
    void searchFindsTheEditedTextAndNothingOfADeletedMessage() {
        long id = api.say(carol, room, "the zebraword plan").path("id").asLong();
        long gone = api.say(carol, room, "the quokkaword plan").path("id").asLong();
        edit(carol, room, id, Map.of("content", "the okapiword plan"));
        delete(carol, room, gone);

        assertThat(search("zebraword")).isEmpty();
        assertThat(search("okapiword")).hasSize(1);
        assertThat(search("quokkaword")).isEmpty();
        assertThat(search("plan")).hasSize(1);
    }

    private static JsonNode tree(Object value) {
        try {
            return Json.MAPPER.readTree(Json.write(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode search(String q) {
        Reply r = api.get("/api/search?q=" + q, carol.accessToken());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        var out = new java.util.ArrayList<JsonNode>();
        r.json().path("results").forEach(h -> {
            if (h.path("message").path("roomId").asLong() == room) out.add(h);
        });
        return Json.MAPPER.valueToTree(out);
    }

    private Reply replyTo(long messageId) {
        return api.post(
                "/api/rooms/" + room + "/messages",
                carol.accessToken(),
                Map.of("content", "a reply", "replyTo", messageId));
    }

    private long lastSeq() {
        return api.get("/api/rooms/" + room, carol.accessToken())
                .json()
                .path("lastSeq")
                .asLong();
    }

    private void assertUnchanged(long id, String content, long lastSeq) {
        JsonNode m = api.get("/api/rooms/" + room + "/messages/" + id, carol.accessToken())
                .json();
        assertThat(m.path("content").asText()).isEqualTo(content);
        assertThat(m.path("editedAt").isNull()).isTrue();
        assertThat(m.path("deleted").asBoolean()).isFalse();
        assertThat(lastSeq()).isEqualTo(lastSeq);
    }

    private static void assertRefused(Reply r, int status, String code) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.errorCode()).as("%s", r).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }

    private static Reply edit(Session who, long roomId, long id, Map<String, ?> body) {
        return ApiClient.send(api.request("/api/rooms/" + roomId + "/messages/" + id)
                .header("Authorization", "Bearer " + who.accessToken())
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(Json.write(body))));
    }

    private static Reply delete(Session who, long roomId, long id) {
        return ApiClient.send(api.request("/api/rooms/" + roomId + "/messages/" + id)
                .header("Authorization", "Bearer " + who.accessToken())
                .DELETE());
    }

    private Reply react(Session who, long id, String emoji, boolean add) {
        return react(who, id, emoji, add, null);
    }

    private Reply react(Session who, long id, String emoji, boolean add, String clientId) {
        var req = api.request("/api/rooms/" + room + "/messages/" + id + "/reactions/"
                        + URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20")
                        + (clientId == null ? "" : "?clientId=" + clientId))
                .header("Authorization", "Bearer " + who.accessToken());
        return ApiClient.send(add ? req.PUT(BodyPublishers.noBody()) : req.DELETE());
    }
}
