package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/** Finding a message from the header's search box and landing on it in its room, in headless Chromium. */
class SearchInBrowserIT {

    static final String ALICE = "alice";
    static final String PASSWORD = "correct horse battery";

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
    void slashFocusesSearchAndAResultOpensItsRoomAtTheMessageLoadingBothWays() {
        pages.signUp(ALICE, PASSWORD);
        pages.fill("Room name", "general");
        pages.press("Create room");
        long roomId = Long.parseLong(pages.awaitPath("/rooms/\\d+").substring("/rooms/".length()));
        var account = server.parley.accounts.byUsername(ALICE);
        var alice = new Principal(account.id(), account.username(), account.admin(), "seed");
        List<String> all = new ArrayList<>(IntStream.rangeClosed(1, 120)
                .mapToObj(i -> i == 40 ? "the needle is here" : "message " + i)
                .toList());
        all.forEach(text -> server.parley.messages.post(alice, roomId, text, null));
        browser.driver.navigate().refresh();
        patiently().until(() -> pages.messages().size() == 50);

        browser.driver.findElement(By.tagName("body")).sendKeys("/");
        assertThat(js("return document.activeElement.id")).isEqualTo("search-input");
        browser.driver.switchTo().activeElement().sendKeys("needl", Keys.ENTER);
        pages.awaitPath("/search");
        assertThat(pages.text(By.cssSelector(".hit mark"))).isEqualTo("needle");
        browser.driver.findElement(By.cssSelector(".hit a")).click();

        pages.awaitPath("/rooms/" + roomId);
        patiently().untilAsserted(() -> assertThat(pages.messages()).containsExactlyElementsOf(all.subList(15, 65)));
        assertThat(js("var m = document.querySelector('.message:target'); return m && m.innerText"))
                .asString()
                .contains("the needle is here");
        assertThat(
                        js(
                                "var m = document.querySelector('.message:target').getBoundingClientRect(),"
                                        + " l = document.querySelector('[role=log]').getBoundingClientRect(); return m.top >= l.top && m.bottom <= l.bottom"))
                .as("the message is scrolled into view")
                .isEqualTo(true);

        // A message posted now arrives live at the end; the history between loads as the reader scrolls down.
        server.parley.messages.post(alice, roomId, "live one", null);
        all.add("live one");
        patiently().untilAsserted(() -> assertThat(pages.messages()).last().isEqualTo("live one"));
        for (int i = 0; i < 10 && !pages.messages().equals(all.subList(15, all.size())); i++) {
            js("var l = document.querySelector('[role=log]'); l.scrollTop = l.scrollHeight; return null");
            sleep();
        }
        assertThat(pages.messages()).containsExactlyElementsOf(all.subList(15, all.size()));

        for (int i = 0; i < 10 && !pages.messages().equals(all); i++) {
            js("document.querySelector('[role=log]').scrollTop = 0; return null");
            sleep();
        }
        assertThat(pages.messages()).containsExactlyElementsOf(all);
        assertThat(browser.consoleErrors())
                .as("script errors or content refused by the CSP")
                .isEmpty();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
