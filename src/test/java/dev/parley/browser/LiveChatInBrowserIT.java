package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** Two people, two browsers, one room: everything that should happen live, in headless Chromium. */
class LiveChatInBrowserIT {

    static final String PASSWORD = "correct horse battery";

    TestServer server;
    final List<HeadlessChromium> browsers = new ArrayList<>();
    ChatPages alice;
    ChatPages bob;
    String room;

    @BeforeEach
    void twoPeopleInOneRoom() {
        server = TestServer.start();
        alice = person("alice");
        bob = person("bob");
        alice.fill("Room name", "general");
        alice.press("Create room");
        room = alice.awaitPath("/rooms/\\d+");
        bob.open(room);
        bob.press("Join room");
        bob.awaitPath(room);
        awaitOnline(bob);
        awaitOnline(alice);
    }

    @AfterEach
    void stop() {
        try {
            for (HeadlessChromium b : browsers) {
                assertThat(b.consoleErrors()).as("console errors").isEmpty();
                b.close();
            }
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    void aMessageAppearsInTheOtherWindowWithinASecond() {
        js(
                bob,
                "window.seenAt = {}; new MutationObserver(() => document.querySelectorAll('.message[data-seq] .body')"
                        + ".forEach(b => window.seenAt[b.innerText.trim()] ??= Date.now()))"
                        + ".observe(document.querySelector('[role=log]'), {childList: true, subtree: true});");

        long sentAt = (Long) js(
                alice,
                "const i = document.getElementById('message-input'); i.value = 'Hi Bob';"
                        + " const t = Date.now(); i.form.requestSubmit(); return t;");

        patiently().until(() -> js(bob, "return window.seenAt['Hi Bob'] || null;"), at -> at != null);
        long latency = (Long) js(bob, "return window.seenAt['Hi Bob'];") - sentAt;
        System.out.println("browser to browser delivery: " + latency + " ms");
        assertThat(latency).isLessThan(1000);
        awaitSent(alice, "Hi Bob");
        assertThat(sentMessages(bob)).containsExactly("Hi Bob");
    }

    @Test
    void theTypingLineAppearsForTheOtherAndClearsWhenTheMessageIsSent() {
        alice.find(org.openqa.selenium.By.id("message-input")).sendKeys("Hello th");

        patiently().until(() -> typingLine(bob), line -> line.equals("alice is typing…"));
        assertThat(typingLine(alice)).as("the typer never sees themselves").isEmpty();

        alice.typeAndEnter("Message", "ere");
        patiently().until(() -> typingLine(bob), String::isEmpty);
        awaitSent(bob, "Hello there");
    }

    @Test
    void aPresenceDotFlipsWhenTheOtherClosesTheirLastTab() {
        String aliceId = (String) js(alice, "return document.body.dataset.userId;");
        String dot = "return document.querySelector('.member[data-user-id=\"" + aliceId + "\"] .status').className;";
        patiently().until(() -> (String) js(bob, dot), c -> c.contains("online"));

        alice.open("/account"); // leaves the live page: alice's only socket closes

        patiently().until(() -> (String) js(bob, dot), c -> c.contains("offline"));
        alice.open(room);
        patiently().until(() -> (String) js(bob, dot), c -> c.contains("online"));
    }

    @Test
    void settingAStatusShowsOnTheOthersPage() {
        String bobId = (String) js(bob, "return document.body.dataset.userId;");
        String dot = "const d = document.querySelector('.member[data-user-id=\"" + bobId + "\"] .status');"
                + " return d.className + '|' + d.title;";

        js(bob, "document.getElementById('status-select').value = 'away';");
        bob.fill("Status text", "lunch");
        bob.press("Set status");

        patiently().until(() -> (String) js(alice, dot), d -> d.equals("status away|Away — lunch"));
    }

    @Test
    void seenByAppearsUnderTheMessageOnceTheOtherHasReadIt() {
        alice.typeAndEnter("Message", "Did you read this?");
        awaitSent(bob, "Did you read this?");

        patiently()
                .until(
                        () -> (String) js(
                                alice,
                                "const s = document.querySelector('.message[data-seq] .seen');"
                                        + " return s ? s.textContent : '';"),
                        text -> text.equals("Seen by bob"));
    }

    @Test
    void afterTheServerDropsThePageSocketMessagesSentMeanwhileAppearOnceEach() {
        alice.typeAndEnter("Message", "before");
        awaitSent(bob, "before");
        Principal author = server.parley
                .sessions
                .authenticate(server.parley
                        .sessions
                        .start(server.parley.accounts.byUsername("alice"))
                        .accessToken())
                .orElseThrow();
        long roomId = Long.parseLong(room.substring("/rooms/".length()));

        server.restart(() -> {
            IntStream.rangeClosed(1, 5)
                    .forEach(i -> server.parley.messages.post(author, roomId, "while away " + i, "away-" + i));
            // Sent from a page that lost its socket: it waits, then goes again once the page has caught up.
            patiently()
                    .until(
                            () -> js(alice, "return document.getElementById('connection').dataset.state;"),
                            s -> !"online".equals(s));
            alice.typeAndEnter("Message", "typed while away");
        });

        var everything = List.of(
                "before",
                "while away 1",
                "while away 2",
                "while away 3",
                "while away 4",
                "while away 5",
                "typed while away");
        patiently().atMost(Duration.ofSeconds(20)).until(() -> sentMessages(bob), everything::equals);
        patiently().atMost(Duration.ofSeconds(20)).until(() -> sentMessages(alice), everything::equals);
        awaitOnline(bob);
        awaitOnline(alice);
        for (HeadlessChromium b : browsers) {
            // While the server was down: the browser's refused reconnects, and htmx logging each as an error event.
            assertThat(b.consoleErrors())
                    .as("console errors while the server was down")
                    .allMatch(e -> e.contains("ERR_CONNECTION_REFUSED") || e.endsWith(" Event"));
        }
        alice.typeAndEnter("Message", "after");
        patiently()
                .until(() -> sentMessages(bob), m -> m.size() == 8 && m.get(7).equals("after"));
    }

    @Test
    void theUnreadBadgeOfAnotherRoomCountsUpLive() {
        alice.open("/");
        alice.fill("Room name", "random");
        alice.press("Create room");
        String random = alice.awaitPath("/rooms/\\d+");
        bob.open(random);
        bob.press("Join room");
        bob.awaitPath(random);
        awaitOnline(bob);
        alice.open(room);
        awaitOnline(alice);

        alice.typeAndEnter("Message", "one");
        alice.typeAndEnter("Message", "two");

        String badge = "const b = document.querySelector('#room-" + room.substring("/rooms/".length())
                + "-link .badge');" + " return b ? b.textContent : '';";
        patiently().until(() -> (String) js(bob, badge), "2"::equals);
        assertThat(sentMessages(bob)).isEmpty();
    }

    @Test
    void aNewDirectConversationShowsUpInTheOthersRoomListWithItsBadge() {
        var aliceAccount = server.parley.accounts.byUsername("alice");
        var alicePrincipal = new Principal(aliceAccount.id(), aliceAccount.username(), true, null);
        long direct = server.parley.rooms.direct(alicePrincipal, "bob").id();

        server.parley.messages.post(alicePrincipal, direct, "Psst, got a minute?", null);

        String badge =
                "const b = document.querySelector('#room-" + direct + "-link .badge'); return b ? b.textContent : '';";
        patiently().until(() -> (String) js(bob, badge), "1"::equals);
        assertThat((String) js(
                        bob,
                        "return document.querySelector('#room-" + direct + "-link .room-name').textContent.trim();"))
                .isEqualTo("alice");
        patiently().until(() -> (String) js(bob, "return document.title;"), t -> t.equals("(1) general · Parley"));
        assertThat((String) js(bob, "return document.querySelector('link[rel=icon]').getAttribute('href');"))
                .endsWith("favicon-unread.svg");

        bob.open("/rooms/" + direct);

        patiently().until(() -> (String) js(bob, "return document.title;"), t -> t.equals("alice · Parley"));
    }

    @Test
    void shiftEnterStartsANewLineAndEnterSends() {
        alice.find(org.openqa.selenium.By.id("message-input"))
                .sendKeys(
                        "first line",
                        org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.SHIFT, org.openqa.selenium.Keys.ENTER),
                        "second line",
                        org.openqa.selenium.Keys.ENTER);

        awaitSent(bob, "first line\nsecond line");
    }

    @Test
    void aSendTheServerRefusesShowsAsFailedWithRetry() {
        long roomId = Long.parseLong(room.substring("/rooms/".length()));
        var bobAccount = server.parley.accounts.byUsername("bob");
        var bobPrincipal = new Principal(bobAccount.id(), bobAccount.username(), false, null);
        server.parley.rooms.leave(bobPrincipal, roomId); // from another device: this page does not know yet

        bob.typeAndEnter("Message", "Anyone here?");

        patiently()
                .until(
                        () -> (String) js(
                                bob,
                                "const f = document.querySelector('.message.failed .state');"
                                        + " return f ? f.textContent : '';"),
                        t -> t.startsWith("Not sent: Join the room first.") && t.endsWith("Retry"));
        server.parley.rooms.join(bobPrincipal, roomId);
        js(bob, "document.querySelector('.message.failed .retry').click();");
        awaitSent(alice, "Anyone here?");
        awaitSent(bob, "Anyone here?");
        assertThat(sentMessages(alice)).containsOnlyOnce("Anyone here?");
    }

    private ChatPages person(String name) {
        HeadlessChromium browser = HeadlessChromium.start();
        browsers.add(browser);
        ChatPages pages = new ChatPages(browser.driver, server.base);
        pages.signUp(name, PASSWORD);
        return pages;
    }

    private static Object js(ChatPages pages, String script) {
        return ((JavascriptExecutor) pages.driver()).executeScript(script);
    }

    /** Messages the server confirmed (they carry a seq), oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> sentMessages(ChatPages pages) {
        return (List<String>) js(
                pages,
                "return Array.from(document.querySelectorAll('[role=log] .message[data-seq] .body'),"
                        + " b => b.innerText.trim());");
    }

    @Test
    void aMessageArrivingWhileBobReadsHistoryLeavesHisPlaceAndCountsInAPill() {
        Principal author = principal("alice");
        long roomId = Long.parseLong(room.substring("/rooms/".length()));
        IntStream.rangeClosed(1, 30).forEach(i -> server.parley.messages.post(author, roomId, "history " + i, null));
        bob.open(room);
        awaitOnline(bob);
        js(bob, "document.querySelector('[role=log]').scrollTop = 0;");
        long before = (Long) js(bob, "return Math.round(document.querySelector('[role=log]').scrollTop);");

        server.parley.messages.post(author, roomId, "arrived below", null);

        patiently().until(() -> sentMessages(bob), m -> m.contains("arrived below"));
        assertThat((Long) js(bob, "return Math.round(document.querySelector('[role=log]').scrollTop);"))
                .as("Bob's place in the history")
                .isEqualTo(before);
        String pill = "const p = document.getElementById('new-below'); return p.hidden ? '' : p.textContent;";
        patiently().until(() -> (String) js(bob, pill), "1 new message ↓"::equals);

        bob.find(org.openqa.selenium.By.id("new-below")).click();

        patiently()
                .until(
                        () -> js(
                                bob,
                                "const l = document.querySelector('[role=log]');"
                                        + " return l.scrollHeight - l.scrollTop - l.clientHeight < 5;"),
                        Boolean.TRUE::equals);
        assertThat(js(bob, pill)).isEqualTo("");
    }

    @Test
    void bobOpensARoomWithUnreadMessagesAtTheNewLineAndCanDismissIt() {
        Principal author = principal("alice");
        long roomId = Long.parseLong(room.substring("/rooms/".length()));
        server.parley.messages.post(author, roomId, "read already", null);
        bob.open(room);
        awaitOnline(bob);
        patiently().until(() -> sentMessages(bob), m -> m.contains("read already"));
        bob.open("/");
        IntStream.rangeClosed(1, 40).forEach(i -> server.parley.messages.post(author, roomId, "unread " + i, null));

        bob.open(room);

        String lineTop = "const l = document.querySelector('[role=log]'), u = document.getElementById('unread');"
                + " return u ? Math.round(u.getBoundingClientRect().top - l.getBoundingClientRect().top) : -1;";
        long top = (Long) js(bob, lineTop);
        assertThat(top).as("the New line's distance from the top of the log").isBetween(0L, 80L);
        assertThat(bob.text(org.openqa.selenium.By.id("unread-bar"))).contains("40 new messages");

        bob.find(org.openqa.selenium.By.linkText("Mark as read")).click();

        patiently()
                .until(
                        () -> js(
                                bob,
                                "return !document.getElementById('unread') && !document.getElementById('unread-bar');"),
                        Boolean.TRUE::equals);
        assertThat(bob.path()).isEqualTo(room);
    }

    private Principal principal(String username) {
        return server.parley
                .sessions
                .authenticate(server.parley
                        .sessions
                        .start(server.parley.accounts.byUsername(username))
                        .accessToken())
                .orElseThrow();
    }

    private static void awaitSent(ChatPages pages, String text) {
        patiently().until(() -> sentMessages(pages), m -> m.contains(text));
        patiently()
                .until(
                        () -> js(
                                pages, "return document.querySelectorAll('.message.pending, .message.failed').length;"),
                        n -> ((Long) n) == 0);
    }

    private static String typingLine(ChatPages pages) {
        return (String)
                js(pages, "const s = document.querySelector('.typing .sentence'); return s ? s.textContent : '';");
    }

    private static void awaitOnline(ChatPages pages) {
        patiently()
                .until(
                        () -> js(pages, "return document.getElementById('connection').dataset.state;"),
                        "online"::equals);
    }
}
