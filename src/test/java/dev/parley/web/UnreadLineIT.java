package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Messages;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the reader left off, drawn by the server so that it shows without JavaScript: the New line
 * above the first message someone else posted after the reader's watermark, the bar that counts
 * them, and a room that opens at that line when more is unread than a page holds.
 */
class UnreadLineIT {

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Pair(ApiClient.Session alice, ApiClient.Session bob, WebClient bobsPage, long room) {}

    private static Pair twoInARoom() {
        Person alice = new Person(fresh("alice"), "alice-password-1");
        Person bob = new Person(fresh("bob"), "bob-password-1");
        var a = api.register(alice);
        var b = api.register(bob);
        long room = api.createRoom(a, fresh("unread"), false);
        api.join(b, room);
        return new Pair(a, b, new WebClient(server).logIn(bob), room);
    }

    private static Document open(Pair p) {
        var reply = p.bobsPage().get("/rooms/" + p.room());
        assertThat(reply.status()).isEqualTo(200);
        return reply.html();
    }

    private static Element nextMessage(Element line) {
        Element next = line.nextElementSibling();
        assertThat(next).as("a message after the New line").isNotNull();
        assertThat(next.hasClass("message")).as("%s", next).isTrue();
        return next;
    }

    @Test
    void theNewLineSitsAboveTheFirstMessageBySomeoneElseAfterTheReadersWatermark() {
        Pair p = twoInARoom();
        api.say(p.alice(), p.room(), "read before");
        open(p); // Bob reads everything so far.
        api.say(p.bob(), p.room(), "bob's own, after his mark");
        JsonNode first = api.say(p.alice(), p.room(), "first unread");
        api.say(p.alice(), p.room(), "second unread");

        Document page = open(p);

        assertThat(page.select(".unread-line")).hasSize(1);
        Element line = page.getElementById("unread");
        assertThat(nextMessage(line).id())
                .isEqualTo(Dom.message(first.path("id").asLong()));
        assertThat(page.select(".unread-bar").text())
                .contains("2 new messages", "Jump to first unread", "Mark as read");
        assertThat(page.select(".unread-bar a.jump-unread").attr("href")).isEqualTo("#unread");
        assertThat(page.select(".unread-bar a.dismiss-unread").attr("href")).isEqualTo("/rooms/" + p.room());
    }

    @Test
    void openingTheRoomReadsItSoTheNextVisitHasNoLine() {
        Pair p = twoInARoom();
        api.say(p.alice(), p.room(), "hello");
        open(p);
        api.say(p.alice(), p.room(), "new one");
        assertThat(open(p).select(".unread-line")).hasSize(1);

        Document again = open(p);

        assertThat(again.select(".unread-line, .unread-bar")).isEmpty();
    }

    @Test
    void onlyMessagesOfOthersAreNewAndAFirstVisitDrawsNoLine() {
        Pair p = twoInARoom();
        api.say(p.alice(), p.room(), "before bob ever looked");
        assertThat(open(p).select(".unread-line")).as("a first visit").isEmpty();
        api.say(p.bob(), p.room(), "only mine since");

        assertThat(open(p).select(".unread-line, .unread-bar")).isEmpty();
    }

    @Test
    void moreUnreadThanAPageHoldsOpensTheRoomAtTheFirstUnreadMessage() {
        Pair p = twoInARoom();
        api.say(p.alice(), p.room(), "read before");
        open(p);
        JsonNode first = api.say(p.alice(), p.room(), "unread 0");
        for (int i = 1; i < Messages.PAGE + 20; i++) api.say(p.alice(), p.room(), "unread " + i);

        Document page = open(p);

        Element line = page.getElementById("unread");
        assertThat(line).as("the New line is in the first screenful").isNotNull();
        assertThat(nextMessage(line).id())
                .isEqualTo(Dom.message(first.path("id").asLong()));
        assertThat(page.select(".unread-bar").text()).contains((Messages.PAGE + 20) + " new messages");
        assertThat(page.select(".load-newer"))
                .as("the rest loads as the reader scrolls down")
                .isNotEmpty();
    }
}
