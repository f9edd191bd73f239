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
import dev.parley.testing.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Search over HTTP: {@code GET /api/search} and the {@code /search} page find what the caller may
 * read and nothing else, and a result opens its room at that message. Each test searches for a
 * word of its own, so tests sharing the server never see each other's messages.
 */
class SearchIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static ApiClient.Session bob;
    private static ApiClient.Session carol;

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

    /** A word no other test uses: letters only, so it is one search word. */
    static String word() {
        var sb = new StringBuilder("zq");
        for (int i = 0; i < 10; i++)
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        return sb.toString();
    }

    Reply search(ApiClient.Session who, String query) {
        return api.get(
                "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                who == null ? null : who.accessToken());
    }

    List<String> contents(Reply r) {
        assertThat(r.status()).as("search: %s", r).isEqualTo(200);
        return StreamSupport.stream(r.json().path("results").spliterator(), false)
                .map(h -> h.path("message").path("content").asText())
                .toList();
    }

    @Test
    void findsMessagesOfPublicRoomsWithoutJoiningAndOfOwnPrivateRooms() {
        String w = word();
        long general = api.createRoom(alice, fresh("general"), false);
        long plans = api.createRoom(alice, fresh("plans"), true);
        api.addMember(alice, plans, BOB);
        api.say(alice, general, "public " + w);
        api.say(alice, plans, "private " + w);

        assertThat(contents(search(bob, w))).containsExactly("private " + w, "public " + w);
        assertThat(contents(search(carol, w))).containsExactly("public " + w);
    }

    @Test
    void aPrivateRoomsMessagesNeverReachANonMemberByAnyQuery() {
        String w = word();
        String secret = fresh("secret");
        long room = api.createRoom(alice, secret, true);
        api.say(alice, room, "launch code " + w);

        for (String q : List.of(
                w,
                w.substring(0, 4),
                "\"launch code\" " + w,
                "in:#" + secret,
                "in:#" + secret + " " + w,
                "from:@alice " + w,
                "after:2000-01-01 " + w)) {
            assertThat(contents(search(carol, q))).as(q).noneMatch(c -> c.contains(w));
        }
        assertThat(contents(search(alice, "in:#" + secret + " " + w))).containsExactly("launch code " + w);
    }

    @Test
    void aResultCarriesTheMessageItsRoomAndAMarkedEscapedSnippet() {
        String w = word();
        String name = fresh("dev");
        long room = api.createRoom(alice, name, false);
        JsonNode posted = api.say(alice, room, "<script>alert(1)</script> " + w + "ing works");

        JsonNode hit = search(bob, w).json().path("results").get(0);

        assertThat(hit.path("message")).isEqualTo(posted);
        assertThat(hit.path("room").path("id").asLong()).isEqualTo(room);
        assertThat(hit.path("room").path("name").asText()).isEqualTo(name);
        assertThat(hit.path("snippet").asText())
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; <mark>" + w + "ing</mark> works");
    }

    @Test
    void filtersByRoomAuthorAndDay() {
        String w = word();
        String name = fresh("ops");
        long ops = api.createRoom(alice, name, false);
        long other = api.createRoom(alice, fresh("other"), false);
        api.join(bob, ops);
        api.say(alice, ops, "alice in ops " + w);
        api.say(bob, ops, "bob in ops " + w);
        api.say(alice, other, "alice elsewhere " + w);

        assertThat(contents(search(carol, "in:#" + name + " " + w)))
                .containsExactly("bob in ops " + w, "alice in ops " + w);
        assertThat(contents(search(carol, "from:@bob " + w))).containsExactly("bob in ops " + w);
        assertThat(contents(search(carol, "from:@nobody-here " + w))).isEmpty();
        assertThat(contents(search(carol, "before:2000-01-01 " + w))).isEmpty();
        assertThat(contents(search(carol, "after:2000-01-01 in:#" + name + " from:alice " + w)))
                .containsExactly("alice in ops " + w);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        String w = word();
        long room = api.createRoom(alice, fresh("log"), false);
        for (int i = 1; i <= 5; i++) api.say(alice, room, w + " " + i);

        List<String> all = new ArrayList<>();
        String before = "";
        for (int page = 0; page < 3; page++) {
            Reply r = api.get("/api/search?limit=2&q=" + w + before, bob.accessToken());
            all.addAll(contents(r));
            JsonNode next = r.json().path("nextBefore");
            if (page < 2) assertThat(next.isNumber()).isTrue();
            else assertThat(next.isNull()).isTrue();
            before = "&before=" + next.asText();
        }
        assertThat(all).containsExactly(w + " 5", w + " 4", w + " 3", w + " 2", w + " 1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NEAR(",
                "\"",
                "*",
                ":",
                "&|!",
                "a* OR b",
                "'x' & !y",
                "content:x",
                "x:*",
                "\\",
                "(((",
                "-- ;DROP TABLE messages"
            })
    void querySyntaxIsSearchedLiterallyOrRefusedNeverAnError(String hostile) {
        Reply r = search(bob, hostile);

        assertThat(r.status()).as("%s → %s", hostile, r).isIn(200, 400);
        if (r.status() == 400) assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAtFault() {
        assertThat(search(bob, "").errorCode()).isEqualTo("invalid_payload");
        assertThat(search(bob, "x before:yesterday")
                        .json()
                        .path("error")
                        .path("field")
                        .asText())
                .isEqualTo("q");
        assertThat(api.get("/api/search?q=x&limit=0", bob.accessToken())
                        .json()
                        .path("error")
                        .path("field")
                        .asText())
                .isEqualTo("limit");
        assertThat(api.get("/api/search?q=x&limit=101", bob.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/search?q=x&before=abc", bob.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void onlySignedInPeopleMaySearch() {
        assertThat(search(null, "x").status()).isEqualTo(401);
        Reply page = new WebClient(server).get("/search?q=x");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).startsWith("/login");
    }

    @Test
    void theSearchPageWorksWithoutJavaScriptAndLinksToTheMessageInItsRoom() {
        String w = word();
        long room = api.createRoom(alice, fresh("page"), false);
        JsonNode m = api.say(alice, room, "found " + w + " <b>here</b>");
        var browser = new WebClient(server).logIn(BOB);

        Reply r = browser.get("/search?q=" + w);

        assertThat(r.status()).isEqualTo(200);
        Document page = r.html();
        assertThat(page.select("form[role=search][action=/search] input[name=q]"))
                .isNotEmpty();
        Element hit = page.selectFirst("ol.results li.hit a");
        assertThat(hit.attr("href"))
                .isEqualTo("/rooms/" + room + "?at=" + m.path("seq").asLong() + "#message-"
                        + m.path("id").asLong());
        assertThat(hit.select("mark").text()).isEqualTo(w);
        assertThat(hit.select("b")).isEmpty();
        assertThat(hit.select(".snippet").text()).isEqualTo("found " + w + " <b>here</b>");
    }

    @Test
    void theSearchPageShowsWhyAQueryCannotBeSearched() {
        var browser = new WebClient(server).logIn(BOB);

        Reply r = browser.get("/search?q=" + URLEncoder.encode("&|!", StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.html().select("#search-error").text()).contains("search for");
        assertThat(browser.get("/search").status()).isEqualTo(200);
    }

    @Test
    void everyPageHasTheSearchBoxInItsHeader() {
        var browser = new WebClient(server).logIn(BOB);

        assertThat(browser.get("/").html().select("header form[role=search] input#search-input[name=q]"))
                .hasSize(1);
    }

    @Test
    void aRoomOpenedAtAMessageShowsAWindowAroundItThatLoadsBothWays() {
        long room = api.createRoom(alice, fresh("long"), false);
        List<JsonNode> posted = new ArrayList<>();
        for (int i = 1; i <= 120; i++) posted.add(api.say(alice, room, "line " + i));
        JsonNode target = posted.get(59);
        var browser = new WebClient(server).logIn(BOB);

        Document page = browser.get("/rooms/" + room + "?at=60").html();

        List<Long> seqs = page.select("ol.messages li.message").eachAttr("data-seq").stream()
                .map(Long::valueOf)
                .toList();
        assertThat(seqs).contains(60L).first().isEqualTo(36L);
        assertThat(seqs).last().isEqualTo(85L);
        assertThat(page.getElementById("message-" + target.path("id").asLong())).isNotNull();
        assertThat(page.selectFirst("li.load-older").attr("hx-get"))
                .isEqualTo("/rooms/" + room + "/messages?before=36");
        assertThat(page.selectFirst("li.load-newer").attr("hx-get")).isEqualTo("/rooms/" + room + "/messages?after=85");
        // Live delivery resumes at the room's newest message: what lies between loads over HTTP.
        assertThat(page.getElementById("room-" + room + "-last-seq").val()).isEqualTo("120");

        Document newer = browser.get("/rooms/" + room + "/messages?after=85").html();
        assertThat(newer.select("li.message").eachAttr("data-seq")).first().isEqualTo("86");
        assertThat(newer.select("li.message").eachAttr("data-seq")).last().isEqualTo("120");
        assertThat(newer.select("li.load-newer")).isEmpty();
    }

    @Test
    void aRoomOpenedAtItsNewestMessageLooksLikeTheRoom() {
        long room = api.createRoom(alice, fresh("short"), false);
        for (int i = 1; i <= 3; i++) api.say(alice, room, "line " + i);

        Document page =
                new WebClient(server).logIn(BOB).get("/rooms/" + room + "?at=3").html();

        assertThat(page.select("li.message").eachAttr("data-seq")).containsExactly("1", "2", "3");
        assertThat(page.select("li.load-newer, li.load-older")).isEmpty();
        assertThat(page.getElementById("room-" + room + "-last-seq").val()).isEqualTo("3");
    }

    @Test
    void theHistoryApiReadsForwardFromASeq() {
        long room = api.createRoom(alice, fresh("forward"), false);
        for (int i = 1; i <= 5; i++) api.say(alice, room, "line " + i);

        JsonNode page = api.history(bob, room, "?after=2&limit=2");

        assertThat(page.findValuesAsText("content")).containsExactly("line 3", "line 4");
        assertThat(api.get("/api/rooms/" + room + "/messages?after=-1", bob.accessToken())
                        .errorCode())
                .isEqualTo("invalid_payload");
    }

    @Test
    void aPrivateRoomOpenedAtAMessageIsNotFoundForANonMember() {
        long room = api.createRoom(alice, fresh("hidden"), true);
        api.say(alice, room, "hidden");
        var browser = new WebClient(server).logIn(CAROL);

        assertThat(browser.get("/rooms/" + room + "?at=1").status()).isEqualTo(404);
        assertThat(browser.get("/rooms/" + room + "/messages?after=0").status()).isEqualTo(404);
    }
}
