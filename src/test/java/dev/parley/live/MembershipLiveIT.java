package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Person;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** join-room and leave-room over the socket, and how membership changes made elsewhere reach open sockets. */
class MembershipLiveIT extends OneServer {

    @Test
    void joinRoomAcksTheRoomWithItsMembersAndTellsTheOthers() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        String name = ApiClient.fresh("lobby");
        long room = api.createRoom(ann, name, false);
        api.say(ann, room, "before bob");

        try (var a = LiveClient.json(server, ann.accessToken());
                var b = LiveClient.json(server, bob.accessToken())) {
            a.ready();
            b.ready();
            JsonNode joined = assertOk(b.request("join-room", Map.of("roomId", room)));

            assertThat(joined.path("id").asLong()).isEqualTo(room);
            assertThat(joined.path("name").asText()).isEqualTo(name);
            assertThat(joined.path("private").asBoolean()).isFalse();
            assertThat(joined.path("lastSeq").asLong()).isEqualTo(1);
            assertThat(joined.path("members").findValuesAsText("username"))
                    .containsExactlyInAnyOrder(ann.username(), bob.username());
            JsonNode annAsMember = member(joined, ann.userId());
            assertThat(annAsMember.path("online").asBoolean()).isTrue();
            assertThat(annAsMember.path("status").asText()).isEqualTo("online");

            JsonNode note = a.event("user-joined").path("data");
            assertThat(note.path("roomId").asLong()).isEqualTo(room);
            assertThat(note.path("user").path("id").asLong()).isEqualTo(bob.userId());
            assertThat(note.path("user").path("username").asText()).isEqualTo(bob.username());

            // From the join on, bob's socket follows the room.
            var posted = assertOk(
                    a.request("send-message", Map.of("roomId", room, "content", "welcome", "clientId", "w-1")));
            assertThat(b.event("new-message").path("data").path("id").asLong())
                    .isEqualTo(posted.path("id").asLong());
        }
    }

    @Test
    void joiningARoomTwiceIsHarmlessAndAnnouncedOnce() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            assertOk(b.request("join-room", Map.of("roomId", pair.room())));
            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "marker")));
            a.event("new-message");

            assertThat(a.events("user-joined")).isEmpty();
        }
    }

    @Test
    void leaveRoomAcksEmptyTellsTheOthersAndStopsTheLeaversDeliveries() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long other = api.createRoom(pair.a(), ApiClient.fresh("other"), false);
        api.join(pair.b(), other);
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            a.ready();
            b.ready();

            JsonNode left = assertOk(b.request("leave-room", Map.of("roomId", pair.room())));
            assertThat(left.isObject()).isTrue();
            assertThat(left.size()).isZero();

            JsonNode note = a.event("user-left").path("data");
            assertThat(note.path("roomId").asLong()).isEqualTo(pair.room());
            assertThat(note.path("userId").asLong()).isEqualTo(pair.b().userId());

            api.say(pair.a(), pair.room(), "bob is gone");
            api.say(pair.a(), other, "marker");
            // Events of one socket keep their order: once the marker is there, anything of the left room would be too.
            b.event("new-message", d -> d.path("roomId").asLong() == other);
            assertThat(b.seqs(pair.room())).isEmpty();
            assertFailed(
                    b.request("send-message", Map.of("roomId", pair.room(), "content", "still here?")), "not_member");
        }
    }

    @Test
    void leavingARoomYouAreNotInIsNotMember() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long room = api.createRoom(ann, ApiClient.fresh("open"), false);
        try (var b = LiveClient.json(server, bob.accessToken())) {
            assertFailed(b.request("leave-room", Map.of("roomId", room)), "not_member");
        }
    }

    @Test
    void joiningAnUnknownRoomOrAPrivateRoomYouAreNotInIsNotFound() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        try (var a = LiveClient.json(server, ann.accessToken());
                var b = LiveClient.json(server, bob.accessToken())) {
            a.ready();
            JsonNode unknown = assertFailed(b.request("join-room", Map.of("roomId", 9_999_999)), "not_found");
            JsonNode hidden = assertFailed(b.request("join-room", Map.of("roomId", secret)), "not_found");
            // A private room a person is not in does not exist for them: the same answer as a missing one.
            assertThat(hidden.path("error").path("message").asText())
                    .isEqualTo(unknown.path("error").path("message").asText());

            api.say(ann, secret, "for members only");
            assertOk(a.request("send-message", Map.of("roomId", secret, "content", "marker")));
            assertOk(b.request("update-presence", Map.of("status", "online")));
            assertThat(b.seqs(secret)).isEmpty();
        }
    }

    @Test
    void leavingADirectRoomIsForbidden() {
        var ann = api.register(person("ann"));
        Person bobPerson = person("bob");
        api.register(bobPerson);
        var direct = api.post("/api/rooms/direct", ann.accessToken(), Map.of("username", bobPerson.username()));
        assertThat(direct.status()).isEqualTo(200);
        long room = direct.json().path("id").asLong();
        try (var a = LiveClient.json(server, ann.accessToken())) {
            assertFailed(a.request("leave-room", Map.of("roomId", room)), "forbidden");
            assertOk(a.request("send-message", Map.of("roomId", room, "content", "still talking")));
        }
    }

    @Test
    void beingAddedToAPrivateRoomMakesTheOpenSocketFollowIt() {
        var ann = api.register(person("ann"));
        Person bobPerson = person("bob");
        var bob = api.register(bobPerson);
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        try (var b = LiveClient.json(server, bob.accessToken())) {
            b.ready();
            api.addMember(ann, secret, bobPerson);
            JsonNode joined = b.event("user-joined").path("data");
            assertThat(joined.path("roomId").asLong()).isEqualTo(secret);

            api.say(ann, secret, "hello bob");
            assertThat(b.event("new-message").path("data").path("content").asText())
                    .isEqualTo("hello bob");
            assertOk(b.request("join-room", Map.of("roomId", secret)));
        }
    }

    @Test
    void joiningOverHttpMakesTheOpenSocketFollowTheRoom() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long room = api.createRoom(ann, ApiClient.fresh("open"), false);
        try (var b = LiveClient.json(server, bob.accessToken())) {
            b.ready();
            api.join(bob, room);
            api.say(ann, room, "seen live");
            assertThat(b.event("new-message").path("data").path("content").asText())
                    .isEqualTo("seen live");
        }
    }

    private static JsonNode member(JsonNode room, long userId) {
        for (JsonNode m : room.path("members")) if (m.path("id").asLong() == userId) return m;
        throw new AssertionError("no member " + userId + " in " + room);
    }
}
