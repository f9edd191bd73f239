package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static dev.parley.testing.Person.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/rooms}: listing, creating, joining, leaving, adding members, direct rooms, and the
 * rule that a private room someone is not in does not exist for them. Alice signs up first, so
 * she is the admin; Bob, Carol and Dave are ordinary users.
 */
class RoomsApiIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static ApiClient.Session bob;
    private static ApiClient.Session carol;
    private static ApiClient.Session dave;

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

    @Test
    void creatingAPublicRoomAnswers201WithTheRoom() {
        String name = fresh("general");

        Reply r = api.post("/api/rooms", bob.accessToken(), Map.of("name", name, "private", false));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("id").asLong()).isPositive();
        assertThat(r.json().path("name").asText()).isEqualTo(name);
        assertThat(r.json().path("private").asBoolean()).isFalse();
    }

    @Test
    void privateDefaultsToFalse() {
        Reply r = api.post("/api/rooms", bob.accessToken(), Map.of("name", fresh("lobby")));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("private").isBoolean()).isTrue();
        assertThat(r.json().path("private").asBoolean()).isFalse();
    }

    @Test
    void theCreatorIsAMemberOfTheirRoom() {
        long room = api.createRoom(bob, fresh("bobs"), true);

        JsonNode view = api.get("/api/rooms/" + room, bob.accessToken()).json();

        assertThat(view.path("private").asBoolean()).isTrue();
        assertThat(usernames(view.path("members"))).containsExactly("bob");
    }

    @Test
    void theListHasPublicRoomsAndMineButNotOtherPeoplesPrivateRooms() {
        long open = api.createRoom(bob, fresh("open"), false);
        long bobsSecret = api.createRoom(bob, fresh("bobs-secret"), true);
        long carolsSecret = api.createRoom(carol, fresh("carols-secret"), true);

        Reply r = api.get("/api/rooms", bob.accessToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json())).contains(open, bobsSecret).doesNotContain(carolsSecret);
        assertThat(ids(api.get("/api/rooms", dave.accessToken()).json()))
                .contains(open)
                .doesNotContain(bobsSecret, carolsSecret);
        JsonNode first = r.json().get(0);
        assertThat(first.has("id") && first.has("name") && first.has("private")).isTrue();
    }

    @Test
    void aDuplicateRoomNameInAnyCaseIs409() {
        String name = fresh("random");
        api.createRoom(bob, name, false);

        Reply r = api.post("/api/rooms", carol.accessToken(), Map.of("name", name.toUpperCase(), "private", false));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("conflict");
    }

    /** Issue 14, item 7: a 409 here used to tell Dave that Carol has a private room of that name. */
    @Test
    void aRoomMayBeNamedLikeAPrivateRoomTheCreatorCannotSee() {
        String name = fresh("layoffs");
        api.createRoom(carol, name, true);

        Reply hidden = api.post("/api/rooms", bob.accessToken(), Map.of("name", name.toUpperCase(), "private", true));
        Reply open = api.post("/api/rooms", dave.accessToken(), Map.of("name", name, "private", false));

        assertThat(open.status()).as(open.toString()).isEqualTo(201);
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(201);
    }

    @Test
    void aRoomCannotBeNamedLikeOneTheCreatorCanSee() {
        String name = fresh("budget");
        long secret = api.createRoom(carol, name, true);
        api.addMember(carol, secret, DAVE);

        Reply again = api.post("/api/rooms", dave.accessToken(), Map.of("name", name, "private", true));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").path("field").asText()).isEqualTo("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GENERAL-x", "gеneral-x", "generaI-x", "genera1-x", "ɡeneral-x", "ｇｅｎｅｒａｌ-x"})
    void aNameThatLooksLikeAVisibleRoomsIs409(String lookAlike) {
        String suffix = "-" + System.nanoTime();
        api.createRoom(bob, "general-x" + suffix, false);

        Reply r = api.post("/api/rooms", carol.accessToken(), Map.of("name", lookAlike + suffix, "private", false));

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("conflict");
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("name");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":42}",
                "{\"name\":null}",
                "{\"name\":\"ok-name\",\"private\":\"yes\"}",
                "{\"name\":\"ok-name\",\"private\":1}",
                "[\"ok-name\"]",
                "nope"
            })
    void malformedRoomsAreInvalidPayloads(String body) {
        Reply r = api.postRaw("/api/rooms", bob.accessToken(), body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void aRoomNameOver64CharactersIsInvalid() {
        Reply r = api.post("/api/rooms", bob.accessToken(), Map.of("name", "x".repeat(65)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void roomsNeedASignedInUser() {
        assertThat(api.get("/api/rooms", null).status()).isEqualTo(401);
        Reply r = api.post("/api/rooms", null, Map.of("name", fresh("anon")));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void joiningAPublicRoomMakesYouAMember() {
        long room = api.createRoom(bob, fresh("open"), false);

        Reply r = api.post("/api/rooms/" + room + "/join", carol.accessToken(), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asLong()).isEqualTo(room);
        assertThat(usernames(
                        api.get("/api/rooms/" + room, bob.accessToken()).json().path("members")))
                .contains("carol");
        assertThat(api.say(carol, room, "hi").path("roomId").asLong()).isEqualTo(room);
    }

    @Test
    void joiningTwiceIsHarmless() {
        long room = api.createRoom(bob, fresh("open"), false);
        api.join(carol, room);

        api.join(carol, room);

        assertThat(usernames(
                        api.get("/api/rooms/" + room, bob.accessToken()).json().path("members")))
                .containsOnlyOnce("carol");
    }

    @Test
    void leavingARoomAnswers204AndEndsMembership() {
        long room = api.createRoom(bob, fresh("open"), false);
        api.join(carol, room);

        Reply r = api.post("/api/rooms/" + room + "/leave", carol.accessToken(), Map.of());

        assertThat(r.status()).isEqualTo(204);
        assertThat(usernames(
                        api.get("/api/rooms/" + room, bob.accessToken()).json().path("members")))
                .doesNotContain("carol");
        Reply post = api.postMessage(carol, room, "still here?", null);
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.errorCode()).isEqualTo("not_member");
    }

    @Test
    void leavingARoomYouAreNotInIs403NotMember() {
        long room = api.createRoom(bob, fresh("open"), false);

        Reply r = api.post("/api/rooms/" + room + "/leave", carol.accessToken(), Map.of());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("not_member");
    }

    @Test
    void leavingAPrivateRoomMakesItDisappear() {
        long room = api.createRoom(bob, fresh("secret"), true);
        api.addMember(bob, room, CAROL);

        api.post("/api/rooms/" + room + "/leave", carol.accessToken(), Map.of());

        assertThat(api.get("/api/rooms/" + room, carol.accessToken()).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/rooms", carol.accessToken()).json())).doesNotContain(room);
    }

    @Test
    void joiningSomeoneElsesPrivateRoomIs404() {
        long room = api.createRoom(bob, fresh("secret"), true);

        Reply r = api.post("/api/rooms/" + room + "/join", carol.accessToken(), Map.of());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(api.get("/api/rooms/" + room, carol.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void theOwnerAddsSomeoneToAPrivateRoom() {
        long room = api.createRoom(bob, fresh("secret"), true);

        Reply r = api.post("/api/rooms/" + room + "/members", bob.accessToken(), Map.of("username", "carol"));

        assertThat(r.status()).isEqualTo(204);
        assertThat(ids(api.get("/api/rooms", carol.accessToken()).json())).contains(room);
        assertThat(api.say(carol, room, "thanks for the invite").path("seq").asLong())
                .isEqualTo(1);
    }

    @Test
    void anAdminWhoIsAMemberMayAddPeopleToARoomTheyDoNotOwn() {
        long room = api.createRoom(bob, fresh("secret"), true);
        api.addMember(bob, room, ALICE);

        Reply r = api.post("/api/rooms/" + room + "/members", alice.accessToken(), Map.of("username", "dave"));

        assertThat(r.status()).isEqualTo(204);
        assertThat(api.get("/api/rooms/" + room, dave.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aMemberWhoIsNeitherOwnerNorAdminCannotAddPeople() {
        long room = api.createRoom(bob, fresh("secret"), true);
        api.addMember(bob, room, CAROL);

        Reply r = api.post("/api/rooms/" + room + "/members", carol.accessToken(), Map.of("username", "dave"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
        assertThat(api.get("/api/rooms/" + room, dave.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aNonMemberCannotAddPeopleToAPublicRoomEither() {
        long room = api.createRoom(bob, fresh("open"), false);

        Reply r = api.post("/api/rooms/" + room + "/members", carol.accessToken(), Map.of("username", "dave"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("not_member");
    }

    @Test
    void addingAnUnknownUsernameIs404() {
        long room = api.createRoom(bob, fresh("secret"), true);

        Reply r = api.post("/api/rooms/" + room + "/members", bob.accessToken(), Map.of("username", "nobody"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"username\":7}", "[]", "nope"})
    void addingWithAMalformedBodyIsAnInvalidPayload(String body) {
        long room = api.createRoom(bob, fresh("secret"), true);

        Reply r = api.postRaw("/api/rooms/" + room + "/members", bob.accessToken(), body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void aDirectRoomIsOneRoomPerPairWhoeverOpensIt() {
        Reply first = api.post("/api/rooms/direct", carol.accessToken(), Map.of("username", "dave"));
        Reply again = api.post("/api/rooms/direct", carol.accessToken(), Map.of("username", "dave"));
        Reply reverse = api.post("/api/rooms/direct", dave.accessToken(), Map.of("username", "CAROL"));

        assertThat(first.status()).isEqualTo(200);
        long room = first.json().path("id").asLong();
        assertThat(again.json().path("id").asLong()).isEqualTo(room);
        assertThat(reverse.json().path("id").asLong()).isEqualTo(room);
        assertThat(first.json().path("private").asBoolean()).isTrue();
        assertThat(usernames(api.get("/api/rooms/" + room, carol.accessToken())
                        .json()
                        .path("members")))
                .containsExactlyInAnyOrder("carol", "dave");
    }

    @Test
    void aDirectRoomIsListedUnderThePeersNameAndHiddenFromOthers() {
        long room = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", "carol"))
                .json()
                .path("id")
                .asLong();

        JsonNode listed = find(api.get("/api/rooms", bob.accessToken()).json(), room);

        assertThat(listed.path("name").asText()).isEqualTo("carol");
        assertThat(ids(api.get("/api/rooms", dave.accessToken()).json())).doesNotContain(room);
        assertThat(api.get("/api/rooms/" + room + "/messages", dave.accessToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDirectRoomCannotBeLeftOrJoinedByOthers() {
        long room = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", "dave"))
                .json()
                .path("id")
                .asLong();

        assertThat(api.post("/api/rooms/" + room + "/leave", bob.accessToken(), Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/rooms/" + room + "/join", carol.accessToken(), Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/rooms/" + room + "/members", bob.accessToken(), Map.of("username", "carol"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aDirectRoomWithAnUnknownUserIs404() {
        Reply r = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", "nobody"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aDirectRoomWithYourselfIsInvalid() {
        Reply r = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", "bob"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void aDirectRoomWithoutAUsernameIsInvalid() {
        Reply r = api.postRaw("/api/rooms/direct", bob.accessToken(), "{}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void anUnknownRoomIs404() {
        for (String path : List.of("/api/rooms/999999", "/api/rooms/999999/messages")) {
            Reply r = api.get(path, bob.accessToken());
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("not_found");
        }
        assertThat(api.post("/api/rooms/999999/join", bob.accessToken(), Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.postMessage(bob, 999999, "hello?", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999", "%20"})
    void aRoomIdThatIsNotAPositiveNumberIs404(String id) {
        Reply get = api.get("/api/rooms/" + id + "/messages", bob.accessToken());
        Reply post = api.post("/api/rooms/" + id + "/messages", bob.accessToken(), Map.of("content", "x"));

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.errorCode()).isEqualTo("not_found");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aPrivateRoomLooksExactlyLikeAnUnknownRoomToANonMember() {
        long room = api.createRoom(bob, fresh("secret"), true);

        Reply hidden = api.get("/api/rooms/" + room + "/messages", carol.accessToken());
        Reply missing = api.get("/api/rooms/999998/messages", carol.accessToken());

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(api.get("/api/rooms/" + room, carol.accessToken()).body())
                .isEqualTo(api.get("/api/rooms/999998", carol.accessToken()).body());
    }

    private static List<Long> ids(JsonNode rooms) {
        return StreamSupport.stream(rooms.spliterator(), false)
                .map(r -> r.path("id").asLong())
                .toList();
    }

    private static List<String> usernames(JsonNode users) {
        return StreamSupport.stream(users.spliterator(), false)
                .map(u -> u.path("username").asText())
                .toList();
    }

    private static JsonNode find(JsonNode rooms, long id) {
        return StreamSupport.stream(rooms.spliterator(), false)
                .filter(r -> r.path("id").asLong() == id)
                .findFirst()
                .orElseThrow();
    }
}
