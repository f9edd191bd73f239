package dev.parley.browser;

import static dev.parley.browser.ChatPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 14's XSS corpus in Chromium: every vector as a message (arriving live, after a reload, and
 * in scrolled-back history), as a status text and as a room name in the sidebar. Nothing may run
 * (the vectors set {@code window.__xss}), no element may carry an {@code on*} attribute or a
 * {@code javascript:} URL, message bodies hold only links and line breaks, the htmx attributes on
 * the page are the ones Parley put there, and no request leaves for another origin.
 */
class XssInBrowserIT {

    private HeadlessChromium browser;
    private TestServer server;
    private ChatPages pages;

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
    void noVectorRunsOrAddsAnythingLiveAfterReloadOrInHistory() {
        long started = System.nanoTime();
        var api = new ApiClient(server);
        var victim = new Person("victim", "victim-password-1");
        pages.signUp(victim.username(), victim.password());
        var attacker = api.register(new Person("mallory", "mallory-password-1"));
        var victimApi = api.login(victim);
        long room = api.createRoom(attacker, "corpus", false);
        api.join(victimApi, room);
        pages.open("/rooms/" + room);
        patiently().until(() -> js("return document.querySelector('[role=log]') !== null"), Boolean.TRUE::equals);
        List<String> ownHtmx = new ArrayList<>(htmxAttributes());
        // Parley's own "Older messages" item, which appears once a room has more history than a page shows.
        ownHtmx.addAll(List.of("LI hx-get", "LI hx-trigger", "LI hx-swap"));

        List<String> vectors = vectors();
        int stored = 0;
        for (String vector : vectors) {
            if (api.postMessage(attacker, room, vector, null).status() == 201) stored++;
        }
        try (var socket = LiveClient.json(server, attacker.accessToken()).ready()) {
            for (String vector : vectors) {
                String text = vector.replace('\n', ' ').strip();
                socket.request(
                        "update-presence",
                        Map.of(
                                "status",
                                "busy",
                                "text",
                                text.length() > 80 ? text.substring(0, 80).strip() : text));
            }
        }
        int n = 0;
        for (String vector : vectors.subList(0, 30)) {
            String name = vector.replace('\n', ' ').strip().replaceAll("\\s+", " ");
            var r = api.post(
                    "/api/rooms",
                    attacker.accessToken(),
                    Map.of(
                            "name",
                            (name.length() > 58 ? name.substring(0, 58) : name) + " " + (++n),
                            "private",
                            false));
            if (r.status() == 201) api.join(victimApi, r.json().path("id").asLong());
        }
        int expected = stored;
        patiently()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> ((Number) js("return document.querySelectorAll('[role=log] .message').length"))
                                .intValue(),
                        count -> count >= Math.min(expected, 50));
        assertNothingRan("live", ownHtmx);

        browser.driver.navigate().refresh();
        patiently()
                .until(
                        () -> js("return document.querySelectorAll('[role=log] .message').length >= 50"),
                        Boolean.TRUE::equals);
        assertNothingRan("reloaded", ownHtmx);

        patiently()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            js(
                                    "var log = document.querySelector('[role=log]'); log.scrollTop = 0; var more = log.querySelector('.load-older'); if (more) more.scrollIntoView();");
                            return js("return document.querySelector('[role=log] .message[data-seq=\"1\"]') !== null");
                        },
                        Boolean.TRUE::equals);
        assertThat(((Number) js("return document.querySelectorAll('[role=log] .message').length")).intValue())
                .isEqualTo(stored);
        assertNothingRan("scrolled back", ownHtmx);
        System.out.printf(
                "XssInBrowserIT: %d vectors, %d stored as messages, %.1f s%n",
                vectors.size(), stored, (System.nanoTime() - started) / 1e9);
    }

    private void assertNothingRan(String when, List<String> ownHtmx) {
        assertThat(js("return typeof window.__xss")).as("window.__xss %s", when).isEqualTo("undefined");
        assertThat(strings(js("""
                var bad = [];
                document.querySelectorAll('*').forEach(function (e) {
                  for (var a of e.attributes) {
                    var v = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                    if (a.name.toLowerCase().startsWith('on') || /^(javascript|vbscript|data):/.test(v)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
                  }
                });
                return bad;""")))
                .as("on* attributes and script URLs %s", when)
                .isEmpty();
        assertThat(strings(js("""
                var bad = [];
                var markdown = ['A', 'BR', 'P', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI'];
                document.querySelectorAll('[role=log] .message .body *').forEach(function (e) {
                  // The copy button of a code block, and its mark on the block, are changes.js's own.
                  if (e.matches('button.copy[type=button]') && e.attributes.length === 2) return;
                  var names = Array.from(e.attributes, a => a.name)
                      .filter(n => !['href', 'rel', 'target', 'start'].includes(n) && !(e.tagName === 'PRE' && n === 'data-copy'));
                  if (!markdown.includes(e.tagName) || names.length) bad.push(e.outerHTML);
                  if (e.tagName === 'A' && !/^https?:/i.test(e.getAttribute('href'))) bad.push(e.outerHTML);
                });
                return bad;"""))).as("markup in message bodies %s", when).isEmpty();
        assertThat(htmxAttributes())
                .as("htmx attributes %s", when)
                .allSatisfy(a -> assertThat(ownHtmx).contains(a));
        String origin = server.base.toString().replaceAll("/$", "");
        assertThat(strings(js(
                        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);")))
                .as("requests %s", when)
                .allSatisfy(url -> assertThat(url).startsWith(origin));
    }

    /** Every htmx or ws attribute on the page, as "TAG name", without values (which hold ids). */
    private List<String> htmxAttributes() {
        return strings(js("""
                var out = [];
                document.querySelectorAll('*').forEach(function (e) {
                  for (var a of e.attributes) if (/^(data-)?(hx-|ws-)/.test(a.name)) out.push(e.tagName + ' ' + a.name);
                });
                return out;"""));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return new ArrayList<>((List<String>) o);
    }

    private static List<String> vectors() {
        try (InputStream in = XssInBrowserIT.class.getResourceAsStream("/xss-corpus.txt")) {
            var out = new ArrayList<String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#"))
                    out.add(line.replace("\\n", "\n").replace("\\0", "\u0000"));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
