package dev.parley.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every page through axe-core (fetched by the build at test time, like the ws extension) in
 * Chromium, at a desktop width and at a phone's (390 px): no violation of any rule axe runs by
 * default, and on a phone the members, the status form and <em>Add someone</em> stay reachable.
 */
class AccessibilityInBrowserIT {

    private static final Person ADMIN = new Person("ada", "ada-password-1");
    private static final Person BOB = new Person("bob", "bob-password-1");

    private static TestServer server;
    private static HeadlessChromium browser;
    private static ChatPages pages;
    private static String axe;
    private static long room;
    private static long message;

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.start();
        server = TestServer.start();
        pages = new ChatPages(browser.driver, server.base);
        try (InputStream in = AccessibilityInBrowserIT.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in)
                    .as("axe.min.js, fetched by the build into test resources")
                    .isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        pages.signUp(ADMIN.username(), ADMIN.password()); // the first person is the admin
        var api = new ApiClient(server);
        var admin = api.login(ADMIN);
        var bob = api.register(BOB);
        room = api.createRoom(admin, "general", true);
        api.addMember(admin, room, BOB);
        message = api.say(admin, room, "Hello **team**, the deploy is at `16:00`.")
                .path("id")
                .asLong();
        pages.open("/rooms/" + room); // read up to here
        for (int i = 1; i <= 3; i++) api.say(bob, room, "reply " + i + " with a link https://example.com/" + i);
        // A reply, an edit and a reaction, so that their marks are checked too.
        api.post(
                "/api/rooms/" + room + "/messages",
                bob.accessToken(),
                java.util.Map.of("content", "On it", "replyTo", message));
        ApiClient.send(api.request("/api/rooms/" + room + "/messages/" + message + "/reactions/%F0%9F%91%8D")
                .header("Authorization", "Bearer " + bob.accessToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    void everyPageAtDesktopWidthHasNoViolations() {
        browser.driver.manage().window().setSize(new Dimension(HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT));
        for (String path : List.of(
                "/",
                "/rooms/" + room,
                "/rooms/" + room + "/messages/" + message,
                "/account",
                "/search?q=reply",
                "/admin")) {
            assertThat(violations(path)).as("axe violations on %s", path).isEmpty();
        }
    }

    @Test
    void theSignInPagesHaveNoViolations() {
        var anonymous = HeadlessChromium.start();
        try {
            var signedOut = new ChatPages(anonymous.driver, server.base);
            for (String path : List.of("/login", "/register")) {
                signedOut.open(path);
                assertThat(run(anonymous)).as("axe violations on %s", path).isEmpty();
            }
        } finally {
            anonymous.close();
        }
    }

    @Test
    void onAPhoneEveryPageHasNoViolationsAndTheMembersPanelIsReachable() {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String path : List.of("/", "/rooms/" + room, "/account", "/search?q=reply")) {
                assertThat(violations(path))
                        .as("axe violations on %s at 390 px", path)
                        .isEmpty();
            }
            pages.open("/rooms/" + room);
            pages.find(org.openqa.selenium.By.linkText("Members")).click();
            ChatPages.patiently()
                    .atMost(Duration.ofSeconds(5))
                    .until(
                            () -> js("const f = document.getElementById('status-select');"
                                    + " const r = f && f.getBoundingClientRect();"
                                    + " return !!r && r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;"),
                            Boolean.TRUE::equals);
            assertThat(js("const f = document.querySelector('.invite input');"
                            + " const r = f && f.getBoundingClientRect();"
                            + " return !!r && r.width > 0 && r.right <= window.innerWidth;"))
                    .as("Add someone, on a phone")
                    .isEqualTo(Boolean.TRUE);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT));
        }
    }

    private static List<String> violations(String path) {
        pages.open(path);
        return run(browser);
    }

    /** axe's violations on the open page, one line each: rule, impact, and the nodes with why. */
    @SuppressWarnings("unchecked")
    private static List<String> run(HeadlessChromium chromium) {
        var js = (JavascriptExecutor) chromium.driver;
        js.executeScript(axe);
        chromium.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (List<String>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>"
                + " v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ') + ' — '"
                + " + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))));");
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }
}
