package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The whole path a new person takes, in headless Chromium against the real server. */
class ChatInBrowserIT {

    static final String ALICE = "alice";
    static final String PASSWORD = "correct horse battery";
    static final String GENERAL = "general";

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

        pages.fill("Message", "Hello from Chromium");
        pages.press("Send");
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactly("Hello from Chromium"));
        patiently().untilAsserted(() -> assertThat(pages.valueOf("Message")).isEmpty());

        pages.typeAndEnter("Message", "Enter sends too");
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactly("Hello from Chromium", "Enter sends too"));
        patiently().untilAsserted(() -> assertThat(pages.valueOf("Message")).isEmpty());

        browser.driver.navigate().refresh();
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactly("Hello from Chromium", "Enter sends too"));

        pages.press("Log out");
        pages.awaitPath("/login");
        pages.open(room);
        assertThat(pages.awaitPath("/login")).as("a signed-out visitor is sent to log in").isEqualTo("/login");

        pages.logIn(ALICE, PASSWORD);
        assertThat(pages.text(By.cssSelector("nav[aria-label=Rooms]"))).contains(GENERAL);
        pages.open(room);
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactly("Hello from Chromium", "Enter sends too"));
    }
}
