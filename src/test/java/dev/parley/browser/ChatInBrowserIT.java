package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The whole path a new person takes, in headless Chromium against the real server. */
class ChatInBrowserIT {

    static final String ALICE = "alice";
    static final String PASSWORD = "correct horse battery";
    static final String GENERAL = "general";
    static final String FIRST = "Hello from Chromium";
    static final String SECOND = "Enter sends too";

    HeadlessChromium browser;
    TestServer server;
    ChatPages pages;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start();
        server = TestServer.start();
        pages = new ChatPages(browser.driver, server.base);
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    void signsUpCreatesARoomPostsMessagesAndFindsThemAfterLoggingBackIn() {
        pages.signUp(ALICE, PASSWORD);

        pages.fill("Room name", GENERAL);
        pages.press("Create room");
        String room = pages.awaitPath("/rooms/\\d+");

        pages.fill("Message", FIRST);
        pages.press("Send");
        awaitLog("after Send", FIRST);
        awaitEmptyComposer();

        pages.typeAndEnter("Message", SECOND);
        awaitLog("after Enter", FIRST, SECOND);
        awaitEmptyComposer();

        browser.driver.navigate().refresh();
        awaitLog("after a reload", FIRST, SECOND);

        pages.press("Log out");
        pages.awaitPath("/login");
        pages.open(room);
        assertThat(pages.awaitPath("/login"))
                .as("a signed-out visitor is sent to log in")
                .isEqualTo("/login");

        pages.logIn(ALICE, PASSWORD);
        assertThat(pages.text(By.cssSelector("nav[aria-label=Rooms]"))).contains(GENERAL);
        pages.open(room);
        awaitLog("after logging back in", FIRST, SECOND);
        assertThat(browser.consoleErrors())
                .as("script errors or content refused by the CSP")
                .isEmpty();
    }

    @Test
    void olderMessagesLoadAsYouScrollUpInOrderWithoutDuplicates() {
        pages.signUp(ALICE, PASSWORD);
        pages.fill("Room name", GENERAL);
        pages.press("Create room");
        long roomId = Long.parseLong(pages.awaitPath("/rooms/\\d+").substring("/rooms/".length()));
        var account = server.parley.accounts.byUsername(ALICE);
        var alice = new Principal(account.id(), account.username(), account.admin(), "seed");
        List<String> all =
                IntStream.rangeClosed(1, 120).mapToObj(i -> "message " + i).toList();
        all.forEach(text -> server.parley.messages.post(alice, roomId, text, null));

        browser.driver.navigate().refresh();
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactlyElementsOf(all.subList(70, 120)));

        scrollLogToTop();
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactlyElementsOf(all.subList(20, 120)));
        scrollLogToTop();
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactlyElementsOf(all));
        assertThat(browser.consoleErrors())
                .as("script errors or content refused by the CSP")
                .isEmpty();
    }

    private void scrollLogToTop() {
        ((JavascriptExecutor) browser.driver).executeScript("document.querySelector('[role=log]').scrollTop = 0;");
    }

    private void awaitLog(String when, String... messages) {
        patiently()
                .untilAsserted(() -> assertThat(pages.messages())
                        .as("the message log " + when)
                        .containsExactly(messages));
    }

    private void awaitEmptyComposer() {
        patiently()
                .untilAsserted(() -> assertThat(pages.valueOf("Message"))
                        .as("the composer after a send")
                        .isEmpty());
    }
}
