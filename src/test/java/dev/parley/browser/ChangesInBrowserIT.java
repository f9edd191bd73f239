package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Two people in Chromium: an edit by the Up key, a reaction, a reply and a delete, each seen live by the other. */
class ChangesInBrowserIT {

    static final String PASSWORD = "correct horse battery";

    TestServer server;
    final List<HeadlessChromium> browsers = new ArrayList<>();
    ChatPages alice;
    ChatPages bob;

    @BeforeEach
    void twoPeopleInOneRoom() {
        server = TestServer.start();
        alice = person("alice");
        bob = person("bob");
        alice.fill("Room name", "general");
        alice.press("Create room");
        String room = alice.awaitPath("/rooms/\\d+");
        bob.open(room);
        bob.press("Join room");
        bob.awaitPath(room);
        for (ChatPages p : List.of(alice, bob)) {
            patiently()
                    .until(
                            () -> js(p, "return document.getElementById('connection').dataset.state;"),
                            "online"::equals);
        }
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
    void editByUpReactReplyAndDeleteReachTheOtherLive() {
        alice.typeAndEnter("Message", "helo");
        patiently().until(() -> bodyHtml(bob, 0), "helo"::equals);

        // Up in the empty composer brings back my last message; Enter saves it.
        WebElement input = alice.driver().findElement(By.id("message-input"));
        input.sendKeys(Keys.ARROW_UP);
        patiently().until(() -> alice.valueOf("Message"), "helo"::equals);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "hello **there**", Keys.ENTER);
        patiently().until(() -> bodyHtml(bob, 0), "hello <strong>there</strong>"::equals);
        assertThat(js(bob, "return document.querySelector('[role=log] .message .edited').textContent;"))
                .isEqualTo("(edited)");
        assertThat(alice.valueOf("Message")).isEmpty();
        assertThat(js(alice, "return document.querySelectorAll('[role=log] .message[data-seq]').length;"))
                .as("an edit is not a new message")
                .isEqualTo(1L);

        // Esc gives up an edit: nothing changes.
        input.sendKeys(Keys.ARROW_UP);
        patiently().until(() -> alice.valueOf("Message"), "hello **there**"::equals);
        input.sendKeys(Keys.ESCAPE);
        assertThat(alice.valueOf("Message")).isEmpty();

        // Bob reacts from the message's menu; the chip is his (highlighted) on his page, not on Alice's.
        openMenu(bob, 0);
        js(bob, "document.querySelector('.message-menu button[title=\"React with 🎉\"]').click();");
        patiently()
                .until(
                        () -> js(alice, "return document.querySelector('.reaction .count')?.textContent || '';"),
                        "1"::equals);
        patiently()
                .until(
                        () -> js(
                                bob,
                                "return document.querySelector('.reaction')?.classList.contains('mine') || false;"),
                        Boolean.TRUE::equals);
        assertThat(js(alice, "return document.querySelector('.reaction').classList.contains('mine');"))
                .isEqualTo(false);

        // Bob replies: the reply quotes the message and its link lands on it.
        openMenu(bob, 0);
        js(bob, "document.querySelector('.message-menu button[title=Reply]').click();");
        bob.typeAndEnter("Message", "yes?");
        patiently().until(() -> bodyHtml(alice, 1), "yes?"::equals);
        assertThat(
                        js(
                                alice,
                                "return document.querySelectorAll('[role=log] .message')[1].querySelector('.reply-to').textContent;"))
                .asString()
                .contains("hello **there**");
        js(alice, "document.querySelectorAll('[role=log] .message')[1].querySelector('.reply-to').click();");
        assertThat(js(alice, "return document.querySelector('[role=log] .message').classList.contains('landed');"))
                .isEqualTo(true);

        // Alice deletes hers: a placeholder on Bob's page, and his reply's excerpt says so.
        js(alice, "window.confirm = () => true;");
        openMenu(alice, 0);
        js(alice, "document.querySelector('.message-menu button[title=Delete]').click();");
        patiently()
                .until(
                        () -> js(bob, "return document.querySelector('[role=log] .message .body').textContent.trim();"),
                        "message deleted"::equals);
        patiently()
                .until(
                        () -> js(
                                bob,
                                "return document.querySelectorAll('[role=log] .message')[1].querySelector('.reply-to').textContent;"),
                        t -> String.valueOf(t).contains("message deleted"));
        assertThat((String) js(bob, "return document.querySelector('[role=log]').innerHTML;"))
                .doesNotContain("hello");
    }

    private static void openMenu(ChatPages p, int index) {
        js(p, "document.querySelectorAll('[role=log] .message')[" + index + "].querySelector('.more').click();");
        patiently().until(() -> js(p, "return !!document.querySelector('.message-menu');"), Boolean.TRUE::equals);
    }

    private static String bodyHtml(ChatPages p, int index) {
        return (String) js(
                p,
                "const m = document.querySelectorAll('[role=log] .message[data-seq]')[" + index + "];"
                        + " return m ? m.querySelector('.body').innerHTML.trim() : '';");
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
}
