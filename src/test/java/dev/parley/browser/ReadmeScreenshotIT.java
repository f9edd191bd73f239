package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.auth.Principal;
import dev.parley.chat.Account;
import dev.parley.chat.Message;
import dev.parley.chat.Room;
import dev.parley.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

/**
 * Makes the README's screenshot: alice and bob chatting live, each in their own browser, side by
 * side — bob's message arriving, bob typing, "Seen by", presence dots. Runs only when asked, with
 * {@code mvn verify -Dit.test=ReadmeScreenshotIT -Dparley.screenshot=$PWD/docs/screenshot.png}.
 */
class ReadmeScreenshotIT {

    static final String PASSWORD = "correct horse battery";
    static final Instant MORNING = LocalDate.now(ZoneOffset.UTC).atTime(9, 0).toInstant(ZoneOffset.UTC);

    static final int WINDOW_WIDTH = 960;
    static final int WINDOW_HEIGHT = 720;
    static final int GAP = 12;

    HeadlessChromium browser;
    HeadlessChromium bobsBrowser;
    TestServer server;
    /** Each seeded message and when it should appear to have been sent. */
    final Map<Long, Instant> sentAt = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        assumeTrue(System.getProperty("parley.screenshot") != null, "no -Dparley.screenshot=<png path>");
        browser = HeadlessChromium.start();
        bobsBrowser = HeadlessChromium.start();
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) browser.close();
            if (bobsBrowser != null) bobsBrowser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    void savesAScreenshotOfAConversation() throws Exception {
        Principal alice = user("alice");
        Principal bob = user("bob");
        Principal carol = user("carol");

        Room general = server.parley.rooms.create(alice, "general", false);
        Room design = server.parley.rooms.create(carol, "design", false);
        Room releases = server.parley.rooms.create(bob, "releases", false);
        server.parley.rooms.create(bob, "random", false);
        for (Principal p : new Principal[] {bob, carol}) server.parley.rooms.join(p, general.id());
        server.parley.rooms.join(alice, design.id());
        server.parley.rooms.join(alice, releases.id());

        say(carol, general, 0, "Morning all. Standup notes are in the wiki: https://parley.example/wiki/standup");
        say(alice, general, 3, "Thanks! I'll be in and out today, ping me here if something's on fire.");
        say(bob, general, 9, "0.4 is on staging. Release notes: https://parley.example/notes/0.4");
        say(carol, general, 11, "Nice, going through sign-up and the room list on my phone now.");
        say(
                alice,
                general,
                14,
                "Great. Two things before we tag it:\n"
                        + "1. the read-marks migration on PostgreSQL\n"
                        + "2. the screenshot for the README");
        say(bob, general, 16, "The migration is merged. Ran it against a copy of production: 41 s, no long locks.");
        say(carol, general, 20, "One nit: long room names wrap badly in the sidebar on narrow screens. Filed as #128.");
        say(alice, general, 21, "Good catch. Let's ship 0.4 today and fix that in 0.4.1.");
        say(bob, general, 23, "Sounds good, I'll tag it at 3 pm.");
        say(carol, design, 25, "New sidebar mockups: https://parley.example/design/sidebar-v2");
        say(carol, design, 26, "Would love eyes on the unread badge colour.");
        say(bob, releases, 27, "Tagging v0.4.0 at 15:00 UTC.");
        Room direct = server.parley.rooms.direct(bob, "alice");
        say(bob, direct, 28, "Got a minute to review the Redis bus PR?");
        backdate();

        ChatPages alicePages = window(browser, "alice");
        ChatPages bobPages = window(bobsBrowser, "bob");
        alicePages.open("/rooms/" + general.id());
        bobPages.open("/rooms/" + general.id());
        patiently().untilAsserted(() -> assertThat(alicePages.messages()).hasSize(9));
        patiently().untilAsserted(() -> assertThat(bobPages.messages()).hasSize(9));

        bobPages.typeAndEnter("Message", "Tagged! v0.4.0 is out. Thanks everyone!");
        patiently().untilAsserted(() -> assertThat(alicePages.messages()).hasSize(10));
        alicePages.typeAndEnter("Message", "Wonderful, thank you Bob!");
        patiently().untilAsserted(() -> assertThat(bobPages.messages()).hasSize(11));
        patiently()
                .until(
                        () -> alicePages.text(org.openqa.selenium.By.cssSelector(".message:last-child .seen")),
                        t -> t.equals("Seen by bob"));
        bobPages.find(org.openqa.selenium.By.id("message-input")).sendKeys("Drinks at 5?");
        patiently()
                .until(
                        () -> alicePages.text(org.openqa.selenium.By.cssSelector(".typing .sentence")),
                        t -> t.equals("bob is typing…"));

        BufferedImage left = settle(browser, alicePages);
        BufferedImage right = settle(bobsBrowser, bobPages);
        var both = new BufferedImage(WINDOW_WIDTH * 2 + GAP, WINDOW_HEIGHT, BufferedImage.TYPE_INT_RGB);
        var g = both.createGraphics();
        g.setColor(new java.awt.Color(0x1d, 0x23, 0x30));
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, WINDOW_WIDTH + GAP, 0, null);
        g.dispose();
        Path target = Path.of(System.getProperty("parley.screenshot")).toAbsolutePath();
        Files.createDirectories(target.getParent());
        ImageIO.write(both, "png", target.toFile());
    }

    private ChatPages window(HeadlessChromium b, String name) {
        b.driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", WINDOW_WIDTH, "height", WINDOW_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        b.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
        ChatPages pages = new ChatPages(b.driver, server.base);
        pages.logIn(name, PASSWORD);
        return pages;
    }

    /** A screenshot of the window once fonts are in and the connection banner has faded. */
    private static BufferedImage settle(HeadlessChromium b, ChatPages pages) throws Exception {
        patiently()
                .until(
                        () -> (String)
                                b.driver.executeScript("return document.getElementById('connection').dataset.state;"),
                        "online"::equals);
        b.driver.executeAsyncScript(
                "const done = arguments[0]; if (document.activeElement) document.activeElement.blur();"
                        + " document.fonts.ready.then(() => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), 2500));");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(b.driver.getScreenshotAs(OutputType.BYTES)));
        assertThat(image.getWidth()).isEqualTo(WINDOW_WIDTH);
        assertThat(image.getHeight()).isEqualTo(WINDOW_HEIGHT);
        return image;
    }

    private Principal user(String name) {
        Account a = server.parley.accounts.register(name, PASSWORD, "127.0.0.1", null);
        return new Principal(a.id(), a.username(), a.admin(), null);
    }

    private void say(Principal who, Room room, int minutesIn, String text) {
        Message m = server.parley.messages.post(who, room.id(), text, null).message();
        sentAt.put(m.id(), MORNING.plus(Duration.ofMinutes(minutesIn)));
    }

    /**
     * Spreads the messages over a morning. The store stamps messages with its own clock, so this
     * reaches into the test database directly.
     */
    private void backdate() throws Exception {
        try (Connection c = DriverManager.getConnection(server.parley.config.databaseUrl());
                PreparedStatement s = c.prepareStatement("UPDATE messages SET created_at = ? WHERE id = ?")) {
            for (var e : sentAt.entrySet()) {
                s.setLong(1, e.getValue().toEpochMilli());
                s.setLong(2, e.getKey());
                s.executeUpdate();
            }
        }
    }
}
