package dev.parley.web;

import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Display names: set on the account page or over the API, shown beside messages, in member
 * lists and in the sidebar instead of the username, which mentions and direct messages keep
 * using. They follow the rules of labels and may not pass for someone else.
 */
class DisplayNamesIT {

    private static TestServer server;
    private static ApiClient api;

    private Person annPerson;
    private Person bobPerson;
    private Session ann;
    private Session bob;
    private long room;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoPeopleInARoom() {
        annPerson = person("ann");
        bobPerson = person("bob");
        ann = api.register(annPerson);
        bob = api.register(bobPerson);
        room = api.createRoom(ann, ApiClient.fresh("names"), false);
        api.join(bob, room);
    }

    private Reply setName(Session who, Object name) {
        var body = new HashMap<String, Object>();
        body.put("displayName", name);
        return api.post("/api/me/profile", who.accessToken(), body);
    }

    @Test
    void aNameSetOverTheApiIsShownByMeByMessagesAndByPagesWithTheUsernameBeside() {
        Reply set = setName(ann, "  Ann   Example ");

        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.json().path("displayName").asText()).isEqualTo("Ann Example");
        assertThat(api.get("/api/me", ann.accessToken())
                        .json()
                        .path("displayName")
                        .asText())
                .isEqualTo("Ann Example");
        var message = api.say(ann, room, "hello");
        assertThat(message.path("user").path("displayName").asText()).isEqualTo("Ann Example");
        assertThat(message.path("user").path("username").asText()).isEqualTo(ann.username());
        assertThat(api.history(bob, room, "")
                        .get(0)
                        .path("user")
                        .path("displayName")
                        .asText())
                .isEqualTo("Ann Example");

        WebClient bobBrowser = new WebClient(server).logIn(bobPerson);
        Document page = bobBrowser.get("/rooms/" + room).html();
        var author = page.selectFirst("li.message .author");
        assertThat(author.text()).isEqualTo("Ann Example");
        assertThat(author.attr("title")).isEqualTo("@" + ann.username());
        assertThat(page.select("#room-" + room + "-members .other .member-name").text())
                .contains("Ann Example");
        assertThat(page.select("#room-" + room + "-members input[name=username]")
                        .eachAttr("value"))
                .contains(ann.username());

        long direct = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", ann.username()))
                .json()
                .path("id")
                .asLong();
        Document home = bobBrowser.get("/").html();
        assertThat(home.select("#room-" + direct + "-link").text()).contains("Ann Example");
    }

    @Test
    void aNewNameShowsOnOldMessagesAfterAReloadAndOnNewOnesLive() {
        api.say(ann, room, "before the change");
        WebClient bobBrowser = new WebClient(server).logIn(bobPerson);
        assertThat(bobBrowser
                        .get("/rooms/" + room)
                        .html()
                        .select("li.message .author")
                        .text())
                .isEqualTo(ann.username());

        try (var page = LiveClient.page(server, cookieHeader(bobBrowser), "?room=" + room)) {
            page.send("{\"roomId\":\"" + room + "\",\"lastSeq\":\"1\",\"event\":\"sync\",\"HEADERS\":{}}");
            setName(ann, "Ann Renamed");
            long id = api.say(ann, room, "after the change").path("id").asLong();

            String fragment = page.awaitText(t -> t.contains("message-" + id));
            assertThat(fragment).contains(">Ann Renamed</span>");
        }
        assertThat(bobBrowser
                        .get("/rooms/" + room)
                        .html()
                        .select("li.message .author")
                        .eachText())
                .containsExactly("Ann Renamed", "Ann Renamed");
    }

    @Test
    void theAccountPageSetsAndClearsTheNameWithoutScript() {
        WebClient annBrowser = new WebClient(server).logIn(annPerson);

        Reply saved = annBrowser.post("/account", Map.of("displayName", "Ann From The Form"));

        assertThat(saved.status()).as("%s", saved).isEqualTo(302);
        assertThat(annBrowser
                        .get("/account")
                        .html()
                        .select("#field-displayName")
                        .val())
                .isEqualTo("Ann From The Form");
        assertThat(annBrowser.post("/account", Map.of("displayName", "   ")).status())
                .isEqualTo(302);
        assertThat(api.get("/api/me", ann.accessToken())
                        .json()
                        .path("displayName")
                        .isNull())
                .isTrue();
    }

    @Test
    void theAccountPageShowsWhatIsWrongBesideTheFieldAndChangesNothing() {
        setName(ann, "Kept Name");
        WebClient annBrowser = new WebClient(server).logIn(annPerson);

        Reply refused = annBrowser.post("/account", Map.of("displayName", "evil\u202Eeman"));

        assertThat(refused.status()).isEqualTo(400);
        Document page = refused.html();
        assertThat(page.select("#field-displayName-error").text()).contains("U+202E");
        assertThat(api.get("/api/me", ann.accessToken())
                        .json()
                        .path("displayName")
                        .asText())
                .isEqualTo("Kept Name");
    }

    @Test
    void namesFollowTheRulesOfLabels() {
        assertThat(setName(ann, "Ame\u0301lie").json().path("displayName").asText())
                .isEqualTo("Amélie");
        assertRefused(setName(ann, "Ann\u202Egnissim"), 400, "U+202E");
        assertRefused(setName(ann, "Ann\u200Bx"), 400, "U+200B");
        assertRefused(setName(ann, "Ann\u0007"), 400, "U+0007");
        assertRefused(setName(ann, "x".repeat(65)), 400, "64");
        assertRefused(setName(ann, 42), 400, "string");
        assertRefused(api.post("/api/me/profile", ann.accessToken(), Map.of()), 400, "required");
        assertThat(setName(ann, "😀".repeat(64)).status()).isEqualTo(200);
        assertThat(api.get("/api/me", ann.accessToken())
                        .json()
                        .path("displayName")
                        .asText())
                .isEqualTo("😀".repeat(64));
        assertThat(setName(ann, null).json().path("displayName").isNull()).isTrue();
    }

    @Test
    void aNameThatPassesForSomeoneElseIsRefusedButOnesOwnUsernameIsFine() {
        setName(bob, "Robert Tables");

        // Cyrillic а and о in place of the Latin letters.
        String fakeBob = bob.username().replace('o', '\u043E');
        assertRefused(setName(ann, fakeBob), 409, bob.username());
        assertRefused(setName(ann, "R\u043Ebert Tables"), 409, "Robert Tables");
        assertRefused(setName(ann, "robert tables"), 409, "Robert Tables");
        assertThat(setName(ann, ann.username().toUpperCase()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", ann.accessToken())
                        .json()
                        .path("displayName")
                        .asText())
                .isEqualTo(ann.username().toUpperCase());
    }

    private static void assertRefused(Reply r, int status, String messagePart) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.json().path("error").path("message").asText()).contains(messagePart);
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("displayName");
    }
}
