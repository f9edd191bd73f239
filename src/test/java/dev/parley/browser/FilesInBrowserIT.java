package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.FileFixtures;
import dev.parley.testing.TestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/** Two people, two Chromiums: one attaches an image with the paperclip, the other sees its thumbnail arrive live. */
class FilesInBrowserIT {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

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
        awaitOnline(bob);
        awaitOnline(alice);
    }

    @AfterEach
    void stop() {
        try {
            for (HeadlessChromium b : browsers) {
                // The refused upload is refused on purpose; Chromium logs every 4xx it fetched.
                assertThat(b.consoleErrors())
                        .as("console errors")
                        .filteredOn(e -> !e.contains("/api/files?name=cat.png"))
                        .isEmpty();
                b.close();
            }
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    void anImageUploadedWithThePaperclipShowsProgressAndAppearsForTheOtherAsAThumbnail() throws Exception {
        // Noise does not compress: a few megabytes, so the upload reports progress on its way.
        var noise = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        var random = new Random(7);
        for (int y = 0; y < 900; y++) for (int x = 0; x < 1200; x++) noise.setRGB(x, y, random.nextInt());
        Path photo = Files.write(dir.resolve("holiday.png"), FileFixtures.encode(noise, "png"));
        js(
                alice,
                "window.progress = []; const send = XMLHttpRequest.prototype.send;"
                        + " XMLHttpRequest.prototype.send = function (body) {"
                        + "   this.upload.addEventListener('progress', e => window.progress.push([e.loaded, e.total]));"
                        + "   return send.call(this, body); };");

        alice.find(By.id("file-input")).sendKeys(photo.toString());

        patiently()
                .until(
                        () -> js(alice, "return document.querySelector('#uploads .upload.ready') !== null"),
                        Boolean.TRUE::equals);
        assertThat(js(alice, "return document.querySelector('#uploads progress').value"))
                .isEqualTo(100L);
        assertThat((List<?>) js(alice, "return window.progress"))
                .as("upload progress events")
                .isNotEmpty();
        assertThat(js(alice, "return document.querySelector('#uploads .upload-name').textContent"))
                .asString()
                .startsWith("holiday.png");

        alice.find(By.id("message-input")).sendKeys("from the beach");
        js(alice, "document.getElementById('message-input').form.requestSubmit();");

        patiently()
                .until(
                        () -> js(
                                bob,
                                "const i = document.querySelector('[role=log] .attachment.image img');"
                                        + " return i && i.complete && i.naturalWidth > 0 ? i.width + 'x' + i.height : null;"),
                        size -> size != null);
        assertThat(js(
                        bob,
                        "const i = document.querySelector('[role=log] .attachment.image img');"
                                + " return i.getAttribute('width') + 'x' + i.getAttribute('height');"))
                .isEqualTo("360x270");
        assertThat(js(bob, "return document.querySelector('[role=log] .message[data-seq] .body').innerText.trim()"))
                .isEqualTo("from the beach");
        assertThat(js(alice, "return document.querySelectorAll('#uploads li').length"))
                .isEqualTo(0L);

        // Clicking opens the full image over the page; Escape closes it.
        bob.find(By.cssSelector("[role=log] .attachment.image")).click();
        patiently()
                .until(
                        () -> js(
                                bob,
                                "const i = document.querySelector('dialog.lightbox[open] img');"
                                        + " return i && i.complete ? i.naturalWidth : null;"),
                        w -> w != null && ((Long) w) == 1200L);
        bob.find(By.cssSelector("dialog.lightbox")).sendKeys(Keys.ESCAPE);
        patiently()
                .until(
                        () -> js(bob, "return document.querySelector('dialog.lightbox') === null"),
                        Boolean.TRUE::equals);
    }

    @Test
    void aRefusedFileSaysWhyAndACancelledOneIsGone() throws Exception {
        Path fake = Files.writeString(dir.resolve("cat.png"), "<html><body>not a cat</body></html>");
        alice.find(By.id("file-input")).sendKeys(fake.toString());
        patiently()
                .until(
                        () -> js(
                                alice,
                                "const s = document.querySelector('#uploads .upload.failed .upload-state');"
                                        + " return s ? s.textContent : null;"),
                        text -> text != null && ((String) text).contains("PNG"));
        js(alice, "document.querySelector('#uploads .upload-cancel').click();");
        assertThat(js(alice, "return document.querySelectorAll('#uploads li').length"))
                .isEqualTo(0L);
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

    private static void awaitOnline(ChatPages pages) {
        patiently()
                .until(
                        () -> js(pages, "return document.getElementById('connection').dataset.state;"),
                        "online"::equals);
    }
}
