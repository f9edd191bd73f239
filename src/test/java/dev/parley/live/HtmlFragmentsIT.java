package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.render.Json;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.WebClient;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What pages get: HTML fragments for htmx to swap out of band. A page showing a room gets its
 * events in full; a page showing another room gets a short note at most. Each event is rendered
 * once, so every page showing the room receives the very same text.
 */
class HtmlFragmentsIT extends OneServer {

    private WebClient annBrowser;
    private WebClient bobBrowser;
    private Session ann;
    private Session bob;
    private long room;
    private long other;

    @BeforeEach
    void twoPeopleInTwoRooms() {
        Person annPerson = person("ann");
        Person bobPerson = person("bob");
        annBrowser = new WebClient(server).signUp(annPerson);
        bobBrowser = new WebClient(server).signUp(bobPerson);
        ann = api.login(annPerson);
        bob = api.login(bobPerson);
        room = annBrowser.createRoom(ApiClient.fresh("html"), false);
        other = annBrowser.createRoom(ApiClient.fresh("elsewhere"), false);
        api.join(bob, room);
        api.join(bob, other);
    }

    @Test
    void aNewMessageInTheShownRoomIsAListItemAppendedOutOfBandWithTheNewLastSeq() {
        try (var page = openPage(annBrowser, room, 0)) {
            long id = api.say(bob, room, "hello <world>").path("id").asLong();

            String text = page.awaitText(t -> t.contains("message-" + id));
            Document doc = fragment(text);
            Element target = only(doc.select("[hx-swap-oob=\"beforeend:#room-" + room + "-messages\"]"));
            Element li = only(target.select("li.message#message-" + id));
            assertThat(li.attr("data-seq")).isEqualTo("1");
            assertThat(li.attr("data-author")).isEqualTo(String.valueOf(bob.userId()));
            assertThat(li.select(".author").text()).isEqualTo(bob.username());
            assertThat(li.select(".body").html()).isEqualTo("hello &lt;world&gt;");
            assertThat(li.select("script")).isEmpty();

            Element lastSeq = only(doc.select("input#room-" + room + "-last-seq"));
            assertThat(lastSeq.attr("value")).isEqualTo("1");
            assertThat(lastSeq.attr("hx-swap-oob")).isEqualTo("true");
            assertThat(lastSeq.attr("name")).isEqualTo("lastSeq");
        }
    }

    @Test
    void aPageReadingAPublicRoomBeforeJoiningItSeesItsMessagesLiveAndCanSync() {
        Person carolPerson = person("carol");
        WebClient carolBrowser = new WebClient(server).signUp(carolPerson);
        api.say(bob, room, "before the page opened");
        try (var page = openPage(carolBrowser, room, 0)) {
            long id = api.say(bob, room, "for readers too").path("id").asLong();
            page.awaitText(t -> t.contains("id=\"message-" + id + "\""));

            page.send(Json.write(Map.of("event", "sync", "ack", "s", "data", Map.of("roomId", room, "lastSeq", 0))));
            var synced = page.ackOf("s");
            assertThat(synced.path("success").asBoolean()).as("%s", synced).isTrue();
            // Only the message from before the page followed the room: the live one it already has.
            assertThat(synced.path("data").path("replayed").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aPageShowingAnotherRoomGetsOnlyAnActivityNote() {
        try (var elsewhere = openPage(annBrowser, other, 0);
                var here = openPage(bobBrowser, room, 0)) {
            api.say(ann, room, "not shown on the other page");
            here.awaitText(t -> t.contains("li class=\"message\""));
            String text = elsewhere.awaitText(t -> t.contains("data-kind=\"message\""));

            Document doc = fragment(text);
            Element note = only(doc.select("[hx-swap-oob=\"beforeend:#activity\"] > i[data-kind=message]"));
            assertThat(note.attr("data-room")).isEqualTo(String.valueOf(room));
            assertThat(note.attr("data-seq")).isEqualTo("1");
            assertThat(note.attr("data-user-id")).isEqualTo(String.valueOf(ann.userId()));
            assertThat(elsewhere.texts()).noneMatch(t -> t.contains("li class=\"message\"") || t.contains("not shown"));
        }
    }

    @Test
    void everyPageShowingTheRoomReceivesTheVerySameText() {
        try (var annPage = openPage(annBrowser, room, 0);
                var bobPage = openPage(bobBrowser, room, 0);
                var annSecondTab = openPage(annBrowser, room, 0)) {
            long id = api.say(ann, room, "same for all").path("id").asLong();
            String a = annPage.awaitText(t -> t.contains("message-" + id));
            String b = bobPage.awaitText(t -> t.contains("message-" + id));
            String c = annSecondTab.awaitText(t -> t.contains("message-" + id));
            assertThat(b).isEqualTo(a);
            assertThat(c).isEqualTo(a);
        }
    }

    @Test
    void typingIsTheRoomsTypingLineWithOneSpanPerTypist() {
        try (var page = openPage(annBrowser, room, 0);
                var elsewhere = openPage(annBrowser, other, 0);
                var bobSocket = LiveClient.json(server, bob.accessToken())) {
            assertOk(bobSocket.request("typing-start", Map.of("roomId", room)));

            String text = page.awaitText(t -> t.contains("room-" + room + "-typing"));
            Element line = only(fragment(text).select("p#room-" + room + "-typing"));
            assertThat(line.attr("hx-swap-oob")).isEqualTo("true");
            assertThat(line.attr("role")).isEqualTo("status");
            Elements typers = line.select("span.typer");
            assertThat(typers).hasSize(1);
            assertThat(typers.get(0).text()).isEqualTo(bob.username());
            assertThat(typers.get(0).attr("data-user-id")).isEqualTo(String.valueOf(bob.userId()));

            assertOk(bobSocket.request("typing-stop", Map.of("roomId", room)));
            String stopped = page.awaitText(t -> t.contains("room-" + room + "-typing") && !t.contains("typer"));
            assertThat(only(fragment(stopped).select("p#room-" + room + "-typing"))
                            .select("span.typer"))
                    .isEmpty();

            api.say(bob, other, "marker");
            elsewhere.awaitText(t -> t.contains("li class=\"message\""));
            assertThat(elsewhere.texts()).noneMatch(t -> t.contains("typing"));
        }
    }

    @Test
    void presenceIsSwappedIntoEveryDotOfThePerson() {
        try (var page = openPage(annBrowser, room, 0);
                var elsewhere = openPage(annBrowser, other, 0);
                var bobSocket = LiveClient.json(server, bob.accessToken())) {
            assertOk(bobSocket.request("update-presence", Map.of("status", "busy", "text", "focus")));

            String selector = "innerHTML:.presence-" + bob.userId() + ", #void";
            for (LiveClient p : List.of(page, elsewhere)) {
                String text = p.awaitText(t -> t.contains(selector) && t.contains("busy"));
                Element swap = only(fragment(text).select("[hx-swap-oob=\"" + selector + "\"]"));
                Element dot = only(swap.select("i.status"));
                assertThat(dot.hasClass("busy")).isTrue();
                assertThat(dot.attr("title")).contains("focus");
            }
        }
    }

    @Test
    void aPageThatSyncsGetsWhatItMissedAsFragmentsInOrder() {
        for (int i = 1; i <= 4; i++) api.say(bob, room, "m" + i);
        try (var page = openPage(annBrowser, room, 2)) {
            page.awaitText(t -> t.contains("data-seq=\"4\""));
            List<String> seqs = page.texts().stream()
                    .filter(t -> t.contains("li class=\"message\""))
                    .map(t -> only(fragment(t).select("li.message")).attr("data-seq"))
                    .toList();
            assertThat(seqs).containsExactly("3", "4");
        }
    }

    @Test
    void onConnectAPageGetsTheDotOfEveryRoomMate() {
        try (var bobSocket = LiveClient.json(server, bob.accessToken())) {
            bobSocket.ready();
            try (var page = LiveClient.page(server, cookieHeader(annBrowser), "?room=" + room)) {
                String first = page.awaitText(t -> !t.isBlank());
                Element swap = only(
                        fragment(first).select("[hx-swap-oob=\"innerHTML:.presence-" + bob.userId() + ", #void\"]"));
                assertThat(only(swap.select("i.status")).hasClass("online")).isTrue();
            }
        }
    }

    /** A page's socket, sending the sync a page sends on open: the form's fields, flat and as strings, as htmx's ws-send does. */
    private static LiveClient openPage(WebClient who, long roomId, long lastSeq) {
        var page = LiveClient.page(server, cookieHeader(who), "?room=" + roomId);
        page.send("{\"roomId\":\"" + roomId + "\",\"lastSeq\":\"" + lastSeq + "\",\"event\":\"sync\","
                + "\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,\"HX-Trigger-Name\":null,\"HX-Target\":\"live\",\"HX-Current-URL\":\"/rooms/"
                + roomId + "\"}}");
        return page;
    }

    private static Document fragment(String html) {
        assertThat(html).startsWith("<");
        return Jsoup.parseBodyFragment(html);
    }

    private static Element only(Elements elements) {
        assertThat(elements).hasSize(1);
        return elements.get(0);
    }
}
