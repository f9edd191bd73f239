package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Html.button;
import static dev.parley.testing.Html.errorBeside;
import static dev.parley.testing.Html.hasButton;
import static dev.parley.testing.Html.labelled;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /} and {@code /rooms/...} for a browser: the room list, creating and entering rooms,
 * posting by plain form and by htmx, history paging, and private rooms staying invisible.
 */
class RoomPagesIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session aliceApi;
    private static ApiClient.Session bobApi;

    private WebClient alice;
    private WebClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        aliceApi = api.register(ALICE);
        bobApi = api.register(BOB);
        api.register(CAROL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void signIn() {
        alice = new WebClient(server).logIn(ALICE);
        bob = new WebClient(server).logIn(BOB);
    }

    @Test
    void theRoomListShowsPublicRoomsAndMineWithACreateForm() {
        String open = fresh("general");
        String secret = fresh("secret");
        String othersSecret = fresh("bobs-secret");
        long openId = api.createRoom(aliceApi, open, false);
        long secretId = api.createRoom(aliceApi, secret, true);
        api.createRoom(bobApi, othersSecret, true);

        Reply r = alice.get("/");

        assertThat(r.status()).isEqualTo(200);
        Document page = r.html();
        assertThat(page.select("a[href=/rooms/" + openId + "]").text()).contains(open);
        assertThat(page.select("a[href=/rooms/" + secretId + "]").text()).contains(secret);
        assertThat(page.text()).doesNotContain(othersSecret);
        assertThat(labelled(page, "Room name").attr("name")).isEqualTo("name");
        assertThat(button(page, "Create room").closest("form").attr("action")).isEqualTo("/rooms");
    }

    @Test
    void creatingARoomRedirectsToItsPage() {
        String name = fresh("launch");
        Reply r = alice.post("/rooms", Map.of("name", name));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).matches("/rooms/\\d+");
        Document page = alice.get(r.location()).html();
        assertThat(page.selectFirst("main h1").text()).contains(name);
        assertThat(page.title()).contains(name);
    }

    @Test
    void aRoomNameLeftEmptyShowsTheErrorBesideTheField() {
        Reply r = alice.post("/rooms", Map.of("name", "  "));

        assertThat(r.status()).isEqualTo(400);
        assertThat(errorBeside(r.html(), "Room name")).isNotBlank();
    }

    @Test
    void aTakenRoomNameIs409BesideTheField() {
        String name = fresh("taken");
        alice.createRoom(name, false);

        Reply r = bob.post("/rooms", Map.of("name", name));

        assertThat(r.status()).isEqualTo(409);
        assertThat(errorBeside(r.html(), "Room name")).isNotBlank();
        assertThat(labelled(r.html(), "Room name").val()).isEqualTo(name);
    }

    @Test
    void thePrivateCheckboxMakesAPrivateRoom() {
        long room = alice.createRoom(fresh("hush"), true);

        assertThat(api.get("/api/rooms/" + room, aliceApi.accessToken())
                        .json()
                        .path("private")
                        .asBoolean())
                .isTrue();
        assertThat(bob.get("/rooms/" + room).status()).isEqualTo(404);
    }

    @Test
    void theRoomPageHasTheLogTheTypingLineAndALabelledComposer() {
        String name = fresh("design");
        long room = alice.createRoom(name, false);

        Reply r = alice.get("/rooms/" + room);

        assertThat(r.status()).isEqualTo(200);
        Document page = r.html();
        assertThat(page.selectFirst("main h1").text()).contains(name);
        Element log = page.selectFirst("[role=log] > ol.messages");
        assertThat(log).isNotNull();
        assertThat(log.id()).isEqualTo(Dom.messages(room));
        assertThat(page.selectFirst("[role=status]")).isNotNull();
        assertThat(page.selectFirst("[role=status]").id()).isEqualTo(Dom.roomTyping(room));
        Element message = labelled(page, "Message");
        assertThat(message.tagName()).isEqualTo("textarea");
        assertThat(message.attr("name")).isEqualTo("content");
        Element form = button(page, "Send").closest("form");
        assertThat(form.attr("action")).isEqualTo("/rooms/" + room + "/messages");
        assertThat(form.attr("method")).isEqualToIgnoringCase("post");
        assertThat(form.select("#message-input")).hasSize(1);
    }

    @Test
    void aPlainFormPostRedirectsBackAndTheMessageIsOnThePage() {
        long room = alice.createRoom(fresh("plain"), false);

        Reply r = alice.post("/rooms/" + room + "/messages", Map.of("content", "hello from a form"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location").orElseThrow()).matches(".*/rooms/" + room + "#message-\\d+");
        Elements messages = alice.get("/rooms/" + room).html().select("[role=log] li.message");
        assertThat(messages).hasSize(1);
        assertThat(messages.first().select(".author").text()).isEqualTo("alice");
        assertThat(messages.first().select(".body").text()).isEqualTo("hello from a form");
        assertThat(messages.first().attr("data-seq")).isEqualTo("1");
        assertThat(messages.first().attr("data-author")).isEqualTo(String.valueOf(aliceApi.userId()));
    }

    @Test
    void anHtmxPostAnswers201WithTheMessageFragment() {
        long room = alice.createRoom(fresh("htmx"), false);

        Reply r = alice.post(
                "/rooms/" + room + "/messages",
                Map.of("content", "hi <b>there</b>", "clientId", "c-htmx-1"),
                "HX-Request",
                "true");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Elements fragment = Jsoup.parseBodyFragment(r.body()).body().children();
        assertThat(fragment).hasSize(1);
        Element li = fragment.first();
        assertThat(li.tagName()).isEqualTo("li");
        assertThat(li.hasClass("message")).isTrue();
        assertThat(li.id()).startsWith("message-");
        assertThat(li.select(".body").text()).isEqualTo("hi <b>there</b>");
        assertThat(li.select(".body b")).isEmpty();
        assertThat(r.body()).doesNotContain("<html", "<body");
    }

    @Test
    void anHtmxRetryWithTheSameClientIdAnswers200WithTheSameMessage() {
        long room = alice.createRoom(fresh("retry"), false);
        Map<String, String> form = Map.of("content", "only once", "clientId", "c-htmx-retry");
        Reply first = alice.post("/rooms/" + room + "/messages", form, "HX-Request", "true");

        Reply retry = alice.post("/rooms/" + room + "/messages", form, "HX-Request", "true");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(Jsoup.parseBodyFragment(retry.body())
                        .selectFirst("li.message")
                        .id())
                .isEqualTo(Jsoup.parseBodyFragment(first.body())
                        .selectFirst("li.message")
                        .id());
        assertThat(alice.get("/rooms/" + room).html().select("li.message")).hasSize(1);
    }

    @Test
    void anHtmxPostThatIsTooLongAnswers413WithTheReason() {
        long room = alice.createRoom(fresh("long"), false);

        Reply r = alice.post("/rooms/" + room + "/messages", Map.of("content", "x".repeat(4001)), "HX-Request", "true");

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("4000");
        assertThat(alice.get("/rooms/" + room).html().select("li.message")).isEmpty();
    }

    @Test
    void anEmptyFormPostIs400AndStoresNothing() {
        long room = alice.createRoom(fresh("empty"), false);

        Reply r = alice.post("/rooms/" + room + "/messages", Map.of("content", "   "));

        assertThat(r.status()).isEqualTo(400);
        assertThat(alice.get("/rooms/" + room).html().select("li.message")).isEmpty();
    }

    @Test
    void messageMarkupIsEscapedOnThePage() {
        long room = alice.createRoom(fresh("xss"), false);
        api.say(aliceApi, room, "<script>alert(1)</script><img src=x onerror=alert(2)> https://example.org");

        Document page = alice.get("/rooms/" + room).html();

        Element body = page.selectFirst("li.message .body");
        assertThat(body.select("script, img")).isEmpty();
        assertThat(body.text()).contains("<script>alert(1)</script>");
        assertThat(body.select("a[href=https://example.org]").attr("rel")).isEqualTo("nofollow noopener noreferrer");
        assertThat(page.select("script").stream().map(s -> s.attr("src")).toList())
                .allMatch(src -> !src.isEmpty());
    }

    @Test
    void aVisitorToAPublicRoomCanReadAndIsOfferedToJoin() {
        long room = alice.createRoom(fresh("lobby"), false);
        api.say(aliceApi, room, "welcome");

        Document page = bob.get("/rooms/" + room).html();

        assertThat(page.select("li.message .body").text()).isEqualTo("welcome");
        assertThat(hasButton(page, "Send")).isFalse();
        assertThat(button(page, "Join room").closest("form").attr("action")).isEqualTo("/rooms/" + room + "/join");
        assertThat(bob.post("/rooms/" + room + "/messages", Map.of("content", "hi"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void joiningByFormOpensTheComposerAndLeavingGoesHome() {
        long room = alice.createRoom(fresh("club"), false);

        Reply join = bob.post("/rooms/" + room + "/join", Map.of());

        assertThat(join.status()).isEqualTo(302);
        assertThat(join.location()).isEqualTo("/rooms/" + room);
        assertThat(labelled(bob.get("/rooms/" + room).html(), "Message")).isNotNull();
        Reply leave = bob.post("/rooms/" + room + "/leave", Map.of());
        assertThat(leave.status()).isEqualTo(302);
        assertThat(leave.location()).isEqualTo("/");
        assertThat(hasButton(bob.get("/rooms/" + room).html(), "Send")).isFalse();
    }

    @Test
    void thePageShowsTheLatest50AndOlderOnesLoadBySeqBackToTheStart() {
        long room = alice.createRoom(fresh("history"), false);
        for (int i = 1; i <= 120; i++) api.say(aliceApi, room, "message " + i);

        Document page = alice.get("/rooms/" + room).html();

        Element log = page.selectFirst("[role=log] > ol.messages");
        assertThat(seqs(log.select("li.message"))).isEqualTo(range(71, 120));
        assertThat(log.attr("data-last-seq")).isEqualTo("120");
        Element older = log.selectFirst("li.load-older");
        assertThat(older).isNotNull();
        assertThat(log.child(0)).isEqualTo(older);
        assertThat(older.attr("hx-get")).isEqualTo("/rooms/" + room + "/messages?before=71");
        assertThat(older.selectFirst("a").attr("href")).isEqualTo("/rooms/" + room + "/messages?before=71");

        Reply second = alice.get(older.attr("hx-get"), "HX-Request", "true");
        assertThat(second.status()).isEqualTo(200);
        Element fragment =
                Jsoup.parseBodyFragment("<ol>" + second.body() + "</ol>").selectFirst("ol");
        assertThat(seqs(fragment.select("li.message"))).isEqualTo(range(21, 70));
        assertThat(fragment.child(0).hasClass("load-older")).isTrue();
        assertThat(fragment.child(0).attr("hx-get")).isEqualTo("/rooms/" + room + "/messages?before=21");

        Reply last = alice.get(fragment.child(0).attr("hx-get"), "HX-Request", "true");
        Element start = Jsoup.parseBodyFragment("<ol>" + last.body() + "</ol>").selectFirst("ol");
        assertThat(seqs(start.select("li.message"))).isEqualTo(range(1, 20));
        assertThat(start.select("li.load-older")).isEmpty();
        assertThat(start.selectFirst("li.message .body").text()).isEqualTo("message 1");
    }

    @Test
    void aRoomWithExactly50MessagesOffersNothingOlder() {
        long room = alice.createRoom(fresh("fifty"), false);
        for (int i = 1; i <= 50; i++) api.say(aliceApi, room, "m" + i);

        Element log = alice.get("/rooms/" + room).html().selectFirst("[role=log] > ol.messages");

        assertThat(log.select("li.message")).hasSize(50);
        assertThat(log.select("li.load-older")).isEmpty();
    }

    @Test
    void aBadBeforeOnTheOlderMessagesFragmentIs400() {
        long room = alice.createRoom(fresh("bad-before"), false);

        assertThat(alice.get("/rooms/" + room + "/messages?before=abc").status())
                .isEqualTo(400);
        assertThat(alice.get("/rooms/" + room + "/messages?before=0").status()).isEqualTo(400);
    }

    @Test
    void aPrivateRoomIs404ForANonMemberExactlyLikeAnUnknownRoom() {
        String name = fresh("classified");
        long room = alice.createRoom(name, true);
        api.say(aliceApi, room, "the plans");

        Reply hidden = bob.get("/rooms/" + room);
        Reply unknown = bob.get("/rooms/999999");

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(name, "the plans");
        assertThat(hidden.html().select("main").text())
                .isEqualTo(unknown.html().select("main").text());
        assertThat(bob.get("/rooms/" + room + "/messages?before=5").status()).isEqualTo(404);
        assertThat(bob.post("/rooms/" + room + "/messages", Map.of("content", "hi"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.post("/rooms/" + room + "/join", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void unknownAndMalformedRoomPagesAre404() {
        for (String path : List.of("/rooms/999999", "/rooms/abc", "/rooms/0", "/rooms/1/nothing", "/nowhere")) {
            Reply r = alice.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }
    }

    @Test
    void theOwnerAddsSomeoneToAPrivateRoomByForm() {
        long room = alice.createRoom(fresh("inner-circle"), true);

        Reply r = alice.post("/rooms/" + room + "/members", Map.of("username", "bob"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/rooms/" + room);
        assertThat(bob.get("/rooms/" + room).status()).isEqualTo(200);
    }

    @Test
    void addingAnUnknownPersonByFormShowsTheErrorBesideTheField() {
        long room = alice.createRoom(fresh("inner-circle"), true);

        Reply r = alice.post("/rooms/" + room + "/members", Map.of("username", "nobody"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(errorBeside(r.html(), "Add someone")).isNotBlank();
    }

    @Test
    void aMemberWhoIsNotTheOwnerCannotAddPeopleByForm() {
        long room = api.createRoom(bobApi, fresh("bobs-room"), true);
        api.addMember(bobApi, room, CAROL);
        var carol = new WebClient(server).logIn(CAROL);

        Reply r = carol.post("/rooms/" + room + "/members", Map.of("username", "alice"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(alice.get("/rooms/" + room).status()).isEqualTo(404);
    }

    @Test
    void aDirectConversationOpensFromAUsernameAndIsTheSameRoomFromEitherSide() {
        Reply open = alice.post("/rooms/direct", Map.of("username", "bob"));
        Reply back = bob.post("/rooms/direct", Map.of("username", "alice"));

        assertThat(open.status()).isEqualTo(302);
        assertThat(open.location()).matches("/rooms/\\d+");
        assertThat(back.location()).isEqualTo(open.location());
        assertThat(alice.get(open.location()).html().selectFirst("main h1").text())
                .isEqualTo("bob");
    }

    @Test
    void aDirectConversationWithAnUnknownUserShowsTheErrorBesideTheField() {
        Reply r = alice.post("/rooms/direct", Map.of("username", "nobody"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(errorBeside(r.html(), "Username")).isNotBlank();
    }

    private static List<Long> seqs(Elements messages) {
        return messages.stream().map(m -> Long.parseLong(m.attr("data-seq"))).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
