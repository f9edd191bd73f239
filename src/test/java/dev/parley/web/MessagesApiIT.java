package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/rooms/{id}/messages}: posting (idempotent on clientId), the limits on content, who
 * may post and read, and history paged by seq. Each test gets its own room, owned by Alice.
 */
class MessagesApiIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static ApiClient.Session bob;
    private static ApiClient.Session carol;

    private long general;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
        carol = api.register(CAROL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void room() {
        general = api.createRoom(alice, fresh("general"), false);
        api.join(bob, general);
    }

    @Test
    void postingAnswers201WithTheMessage() {
        Instant before = Instant.now().minusSeconds(1);

        Reply r = api.postMessage(bob, general, "hello world", "c-1");

        assertThat(r.status()).isEqualTo(201);
        JsonNode m = r.json();
        assertThat(m.path("id").asLong()).isPositive();
        assertThat(m.path("roomId").asLong()).isEqualTo(general);
        assertThat(m.path("seq").asLong()).isEqualTo(1);
        assertThat(m.path("user").path("id").asLong()).isEqualTo(bob.userId());
        assertThat(m.path("user").path("username").asText()).isEqualTo("bob");
        assertThat(m.path("content").asText()).isEqualTo("hello world");
        assertThat(m.path("html").asText()).isEqualTo("hello world");
        assertThat(m.path("clientId").asText()).isEqualTo("c-1");
        assertThat(Instant.parse(m.path("createdAt").asText()))
                .isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void withoutAClientIdEveryPostIsANewMessage() {
        JsonNode first = api.say(bob, general, "same words");
        JsonNode second = api.say(bob, general, "same words");

        assertThat(first.path("clientId").isNull()).isTrue();
        assertThat(second.path("id").asLong()).isNotEqualTo(first.path("id").asLong());
        assertThat(seqs(api.history(bob, general, ""))).containsExactly(1L, 2L);
    }

    @Test
    void aRetryWithTheSameClientIdReturnsTheFirstMessageWith200AndNoCopy() {
        JsonNode first = api.postMessage(bob, general, "once only", "c-retry").json();

        Reply retry = api.postMessage(bob, general, "once only", "c-retry");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(retry.json().path("seq").asLong())
                .isEqualTo(first.path("seq").asLong());
        assertThat(retry.json().path("createdAt").asText())
                .isEqualTo(first.path("createdAt").asText());
        assertThat(api.history(bob, general, "")).hasSize(1);
    }

    @Test
    void aRetryReturnsTheFirstMessageEvenIfItsTextChanged() {
        JsonNode first = api.postMessage(bob, general, "first text", "c-edit").json();

        Reply retry = api.postMessage(bob, general, "second text", "c-edit");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(retry.json().path("content").asText()).isEqualTo("first text");
        assertThat(api.history(bob, general, "")).hasSize(1);
    }

    @Test
    void theSameClientIdFromSomeoneElseIsTheirOwnMessage() {
        api.join(carol, general);
        Reply bobs = api.postMessage(bob, general, "from bob", "c-shared");

        Reply carols = api.postMessage(carol, general, "from carol", "c-shared");

        assertThat(carols.status()).isEqualTo(201);
        assertThat(carols.json().path("id").asLong())
                .isNotEqualTo(bobs.json().path("id").asLong());
        assertThat(api.history(bob, general, "")).hasSize(2);
    }

    @Test
    void seqCountsPerRoom() {
        long other = api.createRoom(alice, fresh("other"), false);
        api.say(alice, general, "one");
        api.say(alice, general, "two");

        assertThat(api.say(alice, other, "first elsewhere").path("seq").asLong())
                .isEqualTo(1);
        assertThat(api.say(alice, general, "three").path("seq").asLong()).isEqualTo(3);
    }

    @Test
    void contentOfExactly4000CharactersIsAccepted() {
        assertThat(api.postMessage(bob, general, "x".repeat(4000), null).status())
                .isEqualTo(201);
        // Characters are counted as people count them: one emoji is one character.
        assertThat(api.postMessage(bob, general, "😀".repeat(4000), null).status())
                .isEqualTo(201);
    }

    @Test
    void contentOver4000CharactersIs413TooLargeAndNothingIsStored() {
        Reply r = api.postMessage(bob, general, "x".repeat(4001), "c-big");

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
        assertThat(r.json().path("error").path("message").asText()).contains("4000");
        assertThat(api.history(bob, general, "")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"content\":\"\"}",
                "{\"content\":\"   \\n\\t \"}",
                "{}",
                "{\"content\":null}",
                "{\"content\":42}",
                "{\"content\":[\"hi\"]}",
                "{\"content\":\"hi\",\"clientId\":7}",
                "{\"content\":\"hi\",\"clientId\":\"has space\"}",
                "[]",
                "\"hi\"",
                "{\"content\":"
            })
    void malformedMessagesAre400InvalidPayload(String body) {
        Reply r = api.postRaw("/api/rooms/" + general + "/messages", bob.accessToken(), body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
        assertThat(api.history(bob, general, "")).isEmpty();
    }

    @Test
    void aClientIdOver64CharactersIsInvalid() {
        Reply r = api.postMessage(bob, general, "hi", "c".repeat(65));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void aNonMemberPostingToAPublicRoomIs403NotMember() {
        Reply r = api.postMessage(carol, general, "let me in", null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("not_member");
        assertThat(api.history(bob, general, "")).isEmpty();
    }

    @Test
    void aNonMemberMayReadAPublicRoom() {
        api.say(bob, general, "open to all");

        assertThat(api.history(carol, general, "")).hasSize(1);
    }

    @Test
    void aNonMemberPostingToOrReadingAPrivateRoomIs404() {
        long secret = api.createRoom(alice, fresh("secret"), true);
        api.say(alice, secret, "between us");

        Reply post = api.postMessage(carol, secret, "hello?", null);
        Reply read = api.get("/api/rooms/" + secret + "/messages", carol.accessToken());

        assertThat(post.status()).isEqualTo(404);
        assertThat(post.errorCode()).isEqualTo("not_found");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body())
                .isEqualTo(api.get("/api/rooms/999999/messages", carol.accessToken())
                        .body());
    }

    @Test
    void postingNeedsAToken() {
        Reply r = api.postMessage(new ApiClient.Session(0, "nobody", "", ""), general, "hi", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void historyIsOldestFirstAndPagesBackBySeq() {
        for (int i = 1; i <= 5; i++) api.say(bob, general, "m" + i);

        assertThat(contents(api.history(bob, general, ""))).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(seqs(api.history(bob, general, "?limit=2"))).containsExactly(4L, 5L);
        assertThat(seqs(api.history(bob, general, "?before=4&limit=2"))).containsExactly(2L, 3L);
        assertThat(seqs(api.history(bob, general, "?before=2&limit=2"))).containsExactly(1L);
        assertThat(seqs(api.history(bob, general, "?before=1"))).isEmpty();
        assertThat(seqs(api.history(bob, general, "?before=99"))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void historyShowsTheLatest50ByDefaultAndAtMost200() {
        for (int i = 1; i <= 55; i++) api.say(bob, general, "m" + i);

        JsonNode page = api.history(bob, general, "");

        assertThat(page).hasSize(50);
        assertThat(page.get(0).path("seq").asLong()).isEqualTo(6);
        assertThat(page.get(49).path("seq").asLong()).isEqualTo(55);
        assertThat(api.history(bob, general, "?limit=200")).hasSize(55);
        assertThat(api.history(bob, general, "?limit=")).hasSize(50);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "?limit=0",
                "?limit=-1",
                "?limit=201",
                "?limit=abc",
                "?limit=1.5",
                "?before=0",
                "?before=-3",
                "?before=x",
                "?before=1e3",
                "?limit=99999999999999999999"
            })
    void aBadLimitOrBeforeIs400(String query) {
        Reply r = api.get("/api/rooms/" + general + "/messages" + query, bob.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void postsFromTwoPeopleGetSeqsWithoutGapOrDuplicate() {
        api.join(carol, general);
        for (int i = 0; i < 10; i++) {
            api.say(i % 2 == 0 ? bob : carol, general, "turn " + i);
        }

        assertThat(seqs(api.history(alice, general, ""))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private static List<Long> seqs(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.path("seq").asLong())
                .toList();
    }

    private static List<String> contents(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.path("content").asText())
                .toList();
    }
}
