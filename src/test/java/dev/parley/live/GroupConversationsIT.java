package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group conversations: three to eight people, one conversation per set of people, started over
 * the API or with the home page's form, live like any room for its members and nonexistent for
 * everyone else.
 */
class GroupConversationsIT extends OneServer {

    private Person annPerson;
    private Person bobPerson;
    private Person carolPerson;
    private Person davePerson;
    private Session ann;
    private Session bob;
    private Session carol;
    private Session dave;

    @BeforeEach
    void fourPeople() {
        annPerson = person("ann");
        bobPerson = person("bob");
        carolPerson = person("carol");
        ann = api.register(annPerson);
        bob = api.register(bobPerson);
        carol = api.register(carolPerson);
        davePerson = person("dave");
        dave = api.register(davePerson);
    }

    private Reply startGroup(Session starter, Object usernames) {
        return api.post("/api/rooms/group", starter.accessToken(), Map.of("usernames", usernames));
    }

    private long groupOfAnnBobAndCarol() {
        Reply r = startGroup(ann, List.of(bob.username(), carol.username()));
        assertThat(r.status()).as("%s", r).isIn(200, 201);
        return r.json().path("id").asLong();
    }

    @Test
    void theSamePeopleAlwaysGetTheSameConversationWhoeverStartsIt() {
        Reply made = startGroup(ann, List.of(bob.username(), carol.username()));
        Reply again = startGroup(carol, List.of(ann.username(), bob.username(), carol.username()));
        Reply shouted = startGroup(bob, List.of(" " + carol.username().toUpperCase(), ann.username()));

        assertThat(made.status()).as("%s", made).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(shouted.status()).as("%s", shouted).isEqualTo(200);
        long id = made.json().path("id").asLong();
        assertThat(again.json().path("id").asLong()).isEqualTo(id);
        assertThat(shouted.json().path("id").asLong()).isEqualTo(id);
        assertThat(made.json().path("kind").asText()).isEqualTo("group");
        assertThat(made.json().path("private").asBoolean()).isTrue();
        assertThat(made.json().path("members").findValuesAsText("username"))
                .containsExactlyInAnyOrder(ann.username(), bob.username(), carol.username());

        Reply withDave = startGroup(ann, List.of(bob.username(), carol.username(), dave.username()));
        assertThat(withDave.status()).isEqualTo(201);
        assertThat(withDave.json().path("id").asLong()).isNotEqualTo(id);
    }

    @Test
    void theRoomListNamesAGroupByTheOtherPeople() {
        long id = groupOfAnnBobAndCarol();

        JsonNode listed = listing(bob, id);

        assertThat(listed.path("kind").asText()).isEqualTo("group");
        assertThat(listed.path("name").asText()).isEqualTo(ann.username() + ", " + carol.username());
        assertThat(listed.path("people").findValuesAsText("username"))
                .containsExactly(ann.username(), carol.username());
        assertThat(listed.path("member").asBoolean()).isTrue();
        assertThat(ids(dave)).doesNotContain(id);
    }

    @Test
    void messagesTypingReceiptsPresenceAndUnreadCountsReachEveryMember() {
        try (var a = LiveClient.json(server, ann.accessToken());
                var b = LiveClient.json(server, bob.accessToken());
                var c = LiveClient.json(server, carol.accessToken());
                var d = LiveClient.json(server, dave.accessToken())) {
            a.ready();
            b.ready();
            c.ready();
            d.ready();
            long id = groupOfAnnBobAndCarol();
            // The new conversation reaches the sockets that were open before it existed: each
            // follows it from the announcement of its own joining, so all hear of the last one.
            for (var socket : List.of(a, b, c)) {
                socket.event(
                        "user-joined",
                        data -> data.path("roomId").asLong() == id
                                && data.path("user").path("id").asLong() == carol.userId());
            }

            JsonNode sent = assertOk(
                    a.request("send-message", Map.of("roomId", id, "content", "hello both", "clientId", "g-1")));
            for (var socket : List.of(b, c)) {
                JsonNode got = socket.event("new-message", m -> m.path("roomId").asLong() == id)
                        .path("data");
                assertThat(got.path("id").asLong()).isEqualTo(sent.path("id").asLong());
                assertThat(got.path("content").asText()).isEqualTo("hello both");
            }
            assertThat(listing(bob, id).path("unread").asLong()).isEqualTo(1);
            assertThat(listing(carol, id).path("unread").asLong()).isEqualTo(1);

            assertOk(b.request("typing-start", Map.of("roomId", id)));
            for (var socket : List.of(a, c)) {
                JsonNode typing = socket.event("user-typing").path("data");
                assertThat(typing.path("roomId").asLong()).isEqualTo(id);
                assertThat(typing.path("userId").asLong()).isEqualTo(bob.userId());
            }

            assertOk(c.request("mark-read", Map.of("roomId", id, "seq", 1)));
            for (var socket : List.of(a, b)) {
                JsonNode read = socket.event("message-read").path("data");
                assertThat(read.path("userId").asLong()).isEqualTo(carol.userId());
                assertThat(read.path("seq").asLong()).isEqualTo(1);
            }
            assertThat(listing(carol, id).path("unread").asLong()).isZero();
            assertThat(listing(bob, id).path("unread").asLong()).isEqualTo(1);

            assertOk(c.request("update-presence", Map.of("status", "busy")));
            for (var socket : List.of(a, b)) {
                socket.event(
                        "presence-update",
                        p -> p.path("userId").asLong() == carol.userId()
                                && p.path("status").asText().equals("busy"));
            }

            // Nothing of it reaches someone outside the group.
            LiveClient.pause(200);
            assertThat(d.events("new-message")).isEmpty();
            assertThat(d.events("user-typing")).isEmpty();
            assertThat(d.events("message-read")).isEmpty();
        }
    }

    @Test
    void aMemberWhoComesOnlineIsAnnouncedToTheOthers() {
        long id = groupOfAnnBobAndCarol();
        try (var a = LiveClient.json(server, ann.accessToken())) {
            a.ready();
            try (var c = LiveClient.json(server, carol.accessToken())) {
                c.ready();
                a.event("user-online", data -> data.path("userId").asLong() == carol.userId());
            }
            assertThat(id).isPositive();
        }
    }

    @Test
    void anOpenPageOfTheGroupGetsItsMessagesAsFragments() {
        long id = groupOfAnnBobAndCarol();
        WebClient bobBrowser = new WebClient(server).logIn(bobPerson);
        try (var page = LiveClient.page(server, cookieHeader(bobBrowser), "?room=" + id)) {
            page.send("{\"roomId\":\"" + id + "\",\"lastSeq\":\"0\",\"event\":\"sync\",\"HEADERS\":{}}");
            long message = api.say(carol, id, "from carol").path("id").asLong();

            String html = page.awaitText(t -> t.contains("message-" + message));
            assertThat(html).contains("from carol");
        }
    }

    @Test
    void theHomePageFormStartsAGroupWithoutScriptAndTheSidebarNamesIt() {
        WebClient annBrowser = new WebClient(server).logIn(annPerson);

        Reply r = annBrowser.post("/rooms/group", Map.of("usernames", bob.username() + ", " + carol.username()));

        assertThat(r.status()).as("%s", r).isEqualTo(302);
        assertThat(r.location()).matches("/rooms/\\d+");
        long id = Long.parseLong(r.location().substring("/rooms/".length()));
        assertThat(id).isEqualTo(groupOfAnnBobAndCarol());
        Document page = annBrowser.get(r.location()).html();
        assertThat(page.select("h1").text()).isEqualTo(bob.username() + ", " + carol.username());
        assertThat(page.select("#room-" + id + "-link").text()).contains(bob.username() + ", " + carol.username());
        assertThat(page.select("form[action=/rooms/" + id + "/leave]")).isEmpty();
        assertThat(page.select("textarea[name=content]")).hasSize(1);
        Document carolsHome = new WebClient(server).logIn(carolPerson).get("/").html();
        assertThat(carolsHome.select("#room-" + id + "-link").text()).contains(ann.username() + ", " + bob.username());
        assertThat(carolsHome.select("form[action=/rooms/group] label").text()).isEqualTo("Usernames");
    }

    @Test
    void theFormShowsWhatWentWrongBesideTheFieldAndKeepsWhatWasTyped() {
        WebClient annBrowser = new WebClient(server).logIn(annPerson);

        Reply r = annBrowser.post("/rooms/group", Map.of("usernames", bob.username() + " nobody-here-at-all"));

        assertThat(r.status()).isEqualTo(404);
        Document page = r.html();
        assertThat(page.select("#field-usernames-error").text()).contains("nobody-here-at-all");
        assertThat(page.select("#field-usernames").val()).isEqualTo(bob.username() + " nobody-here-at-all");
        assertThat(ids(ann)).isEmpty();
    }

    @Test
    void badInputIsRefusedClearlyAndMakesNothing() {
        List<String> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) eight.add(api.register(person("many")).username());

        assertRefused(startGroup(ann, List.of(bob.username())), 400, "2 other people");
        assertRefused(startGroup(ann, List.of(ann.username(), ann.username())), 400, "2 other people");
        assertRefused(startGroup(ann, List.of(bob.username(), bob.username().toUpperCase())), 400, "2 other people");
        assertRefused(startGroup(ann, List.of()), 400, "2 other people");
        assertRefused(startGroup(ann, eight), 400, "At most 7 other people");
        assertRefused(startGroup(ann, List.of(bob.username(), "no-such-person")), 404, "no-such-person");
        assertRefused(startGroup(ann, bob.username()), 400, "array");
        assertRefused(startGroup(ann, List.of(bob.username(), 7)), 400, "string");
        assertRefused(api.post("/api/rooms/group", ann.accessToken(), Map.of()), 400, "array");

        Session admin = api.register(person("boss"));
        server.parley.accounts.makeAdmin(admin.username());
        Reply off = api.post("/api/admin/users/" + dave.username() + "/deactivate", admin.accessToken(), Map.of());
        assertThat(off.status()).as("%s", off).isLessThan(300);
        assertRefused(startGroup(ann, List.of(bob.username(), dave.username())), 403, "deactivated");

        assertThat(ids(ann)).isEmpty();
        assertThat(ids(bob)).isEmpty();
    }

    @Test
    void outsidersFindNoGroupOnAnyRouteAndMembersCannotChangeWhoIsInIt() {
        long id = groupOfAnnBobAndCarol();
        String token = dave.accessToken();
        String rooms = "/api/rooms/" + id;

        assertThat(api.get(rooms, token).status()).isEqualTo(404);
        assertThat(api.get(rooms + "/messages", token).status()).isEqualTo(404);
        assertThat(api.get(rooms + "/messages?after=0", token).status()).isEqualTo(404);
        assertThat(api.post(rooms + "/messages", token, Map.of("content", "hi", "clientId", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post(rooms + "/join", token, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(rooms + "/leave", token, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(rooms + "/read", token, Map.of("seq", 0)).status()).isEqualTo(404);
        assertThat(api.post(rooms + "/members", token, Map.of("username", dave.username()))
                        .status())
                .isEqualTo(404);

        WebClient daveBrowser = new WebClient(server).logIn(davePerson);
        assertThat(daveBrowser.get("/rooms/" + id).status()).isEqualTo(404);
        assertThat(daveBrowser.get("/rooms/" + id + "/messages").status()).isEqualTo(404);
        assertThat(daveBrowser.get("/rooms/" + id + "?at=1").status()).isEqualTo(404);
        assertThat(daveBrowser
                        .post("/rooms/" + id + "/messages", Map.of("content", "hi"))
                        .status())
                .isEqualTo(404);
        assertThat(daveBrowser.post("/rooms/" + id + "/join", Map.of()).status())
                .isEqualTo(404);

        try (var d = LiveClient.json(server, token)) {
            for (String event : List.of("join-room", "leave-room", "typing-start", "typing-stop")) {
                assertFailed(d.request(event, Map.of("roomId", id)), "not_found");
            }
            assertFailed(
                    d.request(
                            "send-message",
                            Map.of(
                                    "roomId",
                                    id,
                                    "content",
                                    "hi",
                                    "clientId",
                                    UUID.randomUUID().toString())),
                    "not_found");
            assertFailed(d.request("mark-read", Map.of("roomId", id, "seq", 0)), "not_found");
            assertFailed(d.request("sync", Map.of("rooms", Map.of(Long.toString(id), 0))), "not_found");
        }
        try (var page = LiveClient.page(server, cookieHeader(daveBrowser), "?room=" + id)) {
            page.send("{\"roomId\":\"" + id + "\",\"lastSeq\":\"0\",\"event\":\"sync\",\"HEADERS\":{}}");
            api.say(ann, id, "private words");
            LiveClient.pause(300);
            assertThat(page.texts()).noneMatch(t -> t.contains("private words"));
        }

        // Members cannot add anyone, nor leave: the same people keep the same conversation.
        assertThat(api.post(rooms + "/members", ann.accessToken(), Map.of("username", dave.username()))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(rooms + "/leave", bob.accessToken(), Map.of()).status())
                .isEqualTo(403);
        assertThat(api.get(rooms, ann.accessToken()).json().path("members").size())
                .isEqualTo(3);
        assertThat(api.history(ann, id, "").size()).isEqualTo(1);
    }

    private static void assertRefused(Reply r, int status, String messagePart) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.json().path("error").path("message").asText()).contains(messagePart);
        if (status == 400 || status == 404)
            assertThat(r.json().path("error").path("field").asText()).isEqualTo("usernames");
    }

    private static JsonNode listing(Session who, long roomId) {
        for (JsonNode room : api.get("/api/rooms", who.accessToken()).json()) {
            if (room.path("id").asLong() == roomId) return room;
        }
        throw new AssertionError("room " + roomId + " is not listed for " + who.username());
    }

    private static List<Long> ids(Session who) {
        var ids = new ArrayList<Long>();
        for (JsonNode room : api.get("/api/rooms", who.accessToken()).json()) {
            if (room.path("kind").asText().equals("group"))
                ids.add(room.path("id").asLong());
        }
        return ids;
    }
}
