package dev.parley.live;

import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's XSS corpus (at least 150 vectors, {@code xss-corpus.txt}) as messages, room names
 * and status texts: checked in the JSON {@code html}, in the fragments a page's socket gets, and
 * in the pages themselves. Chromium runs them in {@code XssInBrowserIT}.
 */
class XssCorpusIT extends OneServer {

    @Test
    void theCorpusHasAtLeast150Vectors() {
        assertThat(XssCorpus.vectors()).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
    }

    @Test
    void asMessagesNoVectorBecomesMarkupInJsonOrInAPagesFragments() {
        var pair = LiveFixtures.pairInRoom(api, "author", "viewer");
        Person viewer = person("page");
        var viewerSession = api.register(viewer);
        api.join(viewerSession, pair.room());
        var browser = new WebClient(server).logIn(viewer);
        try (var page = openPage(browser, pair.room())) {
            api.say(pair.a(), pair.room(), "harmless https://example.org/x\nline");
            String baseline = page.awaitText(t -> t.contains("harmless"));
            List<String> baselineShape = XssCorpus.shape(baseline);
            var stored = new ArrayList<String>();
            for (String vector : XssCorpus.vectors()) {
                Reply r = api.postMessage(pair.a(), pair.room(), vector, null);
                if (r.status() != 201) {
                    assertThat(r.errorCode()).as("%s: %s", vector, r).isIn(XssCorpus.REFUSALS);
                    continue;
                }
                XssCorpus.assertMessageMarkup(r.json().path("html").asText(), vector);
                assertThat(r.json().path("content").asText()).isEqualTo(vector.strip());
                stored.add(vector);
            }
            assertThat(stored).as("most vectors are stored (as text)").hasSizeGreaterThan(140);
            long last = pair.room();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.texts().stream()
                                    .filter(t -> t.contains("class=\"message\""))
                                    .count()
                            > stored.size());
            for (String text : page.texts()) {
                if (!text.contains("class=\"message\"")) continue;
                assertThat(XssCorpus.shape(text)).as("fragment %s", text).isEqualTo(baselineShape);
                XssCorpus.assertNoScriptUrls(text, text);
                for (var body : Jsoup.parse(text).select("li.message .body"))
                    XssCorpus.assertMessageMarkup(body.html(), text);
            }
            // The history a page scrolls to shows the same markup.
            JsonNode history = api.history(pair.a(), pair.room(), "?limit=200");
            history.forEach(m -> XssCorpus.assertMessageMarkup(
                    m.path("html").asText(), m.path("content").asText()));
            assertThat(last).isPositive();
        }
    }

    @Test
    void asEditsNoVectorBecomesMarkupAndNoneIsAReaction() {
        var pair = LiveFixtures.pairInRoom(api, "editor", "viewer");
        Person viewer = person("page");
        var viewerSession = api.register(viewer);
        api.join(viewerSession, pair.room());
        var browser = new WebClient(server).logIn(viewer);
        long id = api.say(pair.a(), pair.room(), "to be edited").path("id").asLong();
        String path = "/api/rooms/" + pair.room() + "/messages/" + id;
        try (var page = openPage(browser, pair.room())) {
            int edited = 0;
            for (String vector : XssCorpus.vectors()) {
                Reply r = ApiClient.send(api.request(path)
                        .header("Authorization", "Bearer " + pair.a().accessToken())
                        .header("Content-Type", "application/json")
                        .method(
                                "PATCH",
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                        dev.parley.render.Json.write(java.util.Map.of("content", vector)))));
                if (r.status() != 200) {
                    assertThat(r.errorCode()).as("%s: %s", vector, r).isIn(XssCorpus.REFUSALS);
                } else {
                    XssCorpus.assertMessageMarkup(
                            r.json().path("message").path("html").asText(), vector);
                    edited++;
                }
                Reply reaction = ApiClient.send(api.request(path + "/reactions/"
                                + java.net.URLEncoder.encode(vector, java.nio.charset.StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                        .header("Authorization", "Bearer " + pair.b().accessToken())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(reaction.status())
                        .as("reaction %s: %s", vector, reaction)
                        .isIn(400, 404, 413);
            }
            int expected = edited;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.texts().stream()
                                    .filter(t -> t.contains("id=\"message-" + id + "\""))
                                    .count()
                            >= expected);
            for (String text : page.texts()) {
                if (!text.contains("id=\"message-" + id + "\"")) continue;
                XssCorpus.assertNoScriptUrls(text, text);
                for (var body : Jsoup.parse(text).select("li.message .body"))
                    XssCorpus.assertMessageMarkup(body.html(), text);
            }
        }
    }

    @Test
    void asFileNamesNoVectorAddsAnythingToPagesOrFragments() {
        var pair = LiveFixtures.pairInRoom(api, "uploader", "onlooker");
        Person onlooker = person("file-page");
        var onlookerSession = api.register(onlooker);
        api.join(onlookerSession, pair.room());
        var browser = new WebClient(server).logIn(onlooker);
        try (var page = openPage(browser, pair.room())) {
            String harmless = dev.parley.testing.FileFixtures.uploaded(api, pair.a(), "harmless.txt", "x".getBytes());
            dev.parley.testing.FileFixtures.send(api, pair.a(), pair.room(), null, null, harmless);
            List<String> baselineShape = XssCorpus.shape(page.awaitText(t -> t.contains("harmless.txt")));
            int sent = 0;
            for (String vector : XssCorpus.vectors()) {
                // A name with a path is refused; the same name with look-alike slashes is taken, and must stay text.
                String name = vector.replace('\n', ' ').strip();
                Reply up = dev.parley.testing.FileFixtures.upload(api, pair.a(), name, "x".getBytes(), null);
                if (up.status() != 201) {
                    assertThat(up.errorCode()).as("%s: %s", name, up).isIn(XssCorpus.REFUSALS);
                    name = name.replace('/', '\uFF0F').replace('\\', '\uFF3C');
                    up = dev.parley.testing.FileFixtures.upload(api, pair.a(), name, "x".getBytes(), null);
                    if (up.status() != 201) {
                        assertThat(up.errorCode()).as("%s: %s", name, up).isIn(XssCorpus.REFUSALS);
                        continue;
                    }
                }
                String id = up.json().path("id").asText();
                Reply r = dev.parley.testing.FileFixtures.send(api, pair.a(), pair.room(), null, null, id);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                sent++;
            }
            assertThat(sent).as("most names are stored (as text)").isGreaterThan(140);
            int expected = sent;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.texts().stream()
                                    .filter(t -> t.contains("class=\"attachment card\""))
                                    .count()
                            > expected);
            for (String text : page.texts()) {
                if (!text.contains("class=\"attachment card\"")) continue;
                assertThat(XssCorpus.shape(text)).as("fragment %s", text).isEqualTo(baselineShape);
                XssCorpus.assertNoScriptUrls(text, text);
            }
            String roomPage = browser.get("/rooms/" + pair.room()).body();
            XssCorpus.assertNoScriptUrls(roomPage, "the room page with every file");
        }
    }

    @Test
    void asRoomNamesAndStatusTextsNoVectorAddsAnythingToPagesOrFragments() {
        var pair = LiveFixtures.pairInRoom(api, "namer", "watcher");
        Person watcher = person("watcher-page");
        var watcherSession = api.register(watcher);
        api.join(watcherSession, pair.room());
        var browser = new WebClient(server).logIn(watcher);
        long harmless = api.createRoom(pair.a(), ApiClient.fresh("harmless"), false);
        api.join(watcherSession, harmless);
        List<String> roomShape =
                XssCorpus.shape(browser.get("/rooms/" + harmless).body());
        int named = 0;
        int n = 0;
        for (String vector : XssCorpus.vectors()) {
            String name = vector.replace('\n', ' ').strip().replaceAll("\\s+", " ");
            if (name.length() > 58) name = name.substring(0, 58);
            name = name + " " + (++n);
            Reply r = api.post("/api/rooms", pair.a().accessToken(), Map.of("name", name, "private", false));
            if (r.status() != 201) {
                assertThat(r.errorCode()).as("%s: %s", name, r).isIn(XssCorpus.REFUSALS);
                continue;
            }
            named++;
            long id = r.json().path("id").asLong();
            api.join(watcherSession, id);
            // Every page's sidebar lists every room so far; a room's own page also shows its name as the title.
            if (named % 10 != 1) continue;
            String roomPage = browser.get("/rooms/" + id).body();
            // The sidebar grows by a room each time, so the page is compared by the kinds of element it holds.
            assertThat(new java.util.HashSet<>(roomShape))
                    .as("room page named %s", name)
                    .containsAll(XssCorpus.shape(roomPage));
            XssCorpus.assertNoScriptUrls(roomPage, name);
            assertThat(Jsoup.parse(roomPage).select("h1, title").text()).contains(name.strip());
        }
        assertThat(named).isGreaterThan(100);
        String home = browser.get("/").body();
        XssCorpus.assertNoScriptUrls(home, "the room list");
        // The harmless room's page now lists every vector-named room in its sidebar, and still holds no new kind of
        // element.
        assertThat(new java.util.HashSet<>(roomShape))
                .containsAll(XssCorpus.shape(browser.get("/rooms/" + harmless).body()));

        try (var page = openPage(browser, pair.room());
                var author = LiveClient.json(server, pair.a().accessToken()).ready()) {
            LiveFixtures.assertOk(author.request("update-presence", Map.of("status", "away", "text", "harmless")));
            String baseline =
                    page.awaitText(t -> t.contains("presence-" + pair.a().userId()) && t.contains("harmless"));
            List<String> shape = XssCorpus.shape(baseline);
            int shown = 0;
            for (String vector : XssCorpus.vectors()) {
                String text = vector.replace('\n', ' ').strip();
                if (text.length() > 80) text = text.substring(0, 80).strip();
                JsonNode ack = author.request("update-presence", Map.of("status", "busy", "text", text));
                if (!ack.path("success").asBoolean()) {
                    assertThat(ack.path("error").path("code").asText()).isIn(XssCorpus.REFUSALS);
                    continue;
                }
                shown++;
            }
            int expected = shown;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> page.texts().stream()
                                    .filter(t ->
                                            t.contains("presence-" + pair.a().userId()))
                                    .count()
                            > expected);
            for (String text : page.texts()) {
                if (!text.contains("presence-" + pair.a().userId())) continue;
                // The first fragment a page gets holds everyone's dot at once: compared by the kinds of element it
                // holds.
                assertThat(new java.util.HashSet<>(shape))
                        .as("presence fragment %s", text)
                        .containsAll(XssCorpus.shape(text));
                XssCorpus.assertNoScriptUrls(text, text);
            }
            assertThat(shown).isGreaterThan(100);
        }
    }

    @Test
    void asDisplayNamesNoVectorAddsAnythingToPagesOrFragments() {
        var pair = LiveFixtures.pairInRoom(api, "named", "reader");
        Person reader = person("reader-page");
        var readerSession = api.register(reader);
        api.join(readerSession, pair.room());
        var browser = new WebClient(server).logIn(reader);
        assertThat(api.post("/api/me/profile", pair.a().accessToken(), Map.of("displayName", "Harmless Name"))
                        .status())
                .isEqualTo(200);
        api.say(pair.a(), pair.room(), "baseline");
        List<String> roomShape =
                XssCorpus.shape(browser.get("/rooms/" + pair.room()).body());
        try (var page = openPage(browser, pair.room())) {
            long first = api.say(pair.a(), pair.room(), "said 0").path("id").asLong();
            List<String> shape = XssCorpus.shape(page.awaitText(t -> t.contains("message-" + first)));
            var shownNames = new ArrayList<String>();
            for (String vector : XssCorpus.vectors()) {
                String name = vector.replace('\n', ' ').strip().replaceAll("\\s+", " ");
                if (name.length() > 60) name = name.substring(0, 60).strip();
                Reply r = api.post("/api/me/profile", pair.a().accessToken(), Map.of("displayName", name));
                if (r.status() != 200) {
                    assertThat(r.errorCode()).as("%s: %s", name, r).isIn(XssCorpus.REFUSALS);
                    continue;
                }
                String stored = r.json().path("displayName").asText();
                shownNames.add(stored);
                JsonNode said = api.say(pair.a(), pair.room(), "said " + shownNames.size());
                assertThat(said.path("user").path("displayName").asText()).isEqualTo(stored);
                if (shownNames.size() % 10 != 1) continue;
                String roomPage = browser.get("/rooms/" + pair.room()).body();
                assertThat(new java.util.HashSet<>(roomShape))
                        .as("room page with the name %s", stored)
                        .containsAll(XssCorpus.shape(roomPage));
                XssCorpus.assertNoScriptUrls(roomPage, stored);
                assertThat(Jsoup.parse(roomPage)
                                .select("li.message .author")
                                .last()
                                .text())
                        .isEqualTo(stored.strip());
            }
            assertThat(shownNames).hasSizeGreaterThan(100);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> page.texts().stream()
                                    .filter(t -> t.contains("class=\"message\""))
                                    .count()
                            > shownNames.size());
            for (String text : page.texts()) {
                if (!text.contains("class=\"message\"")) continue;
                assertThat(XssCorpus.shape(text)).as("fragment %s", text).isEqualTo(shape);
                XssCorpus.assertNoScriptUrls(text, text);
            }
        }
    }

    private static LiveClient openPage(WebClient who, long roomId) {
        var page = LiveClient.page(server, cookieHeader(who), "?room=" + roomId);
        page.send("{\"roomId\":\"" + roomId
                + "\",\"lastSeq\":\"0\",\"event\":\"sync\",\"HEADERS\":{\"HX-Request\":\"true\"}}");
        return page;
    }
}
