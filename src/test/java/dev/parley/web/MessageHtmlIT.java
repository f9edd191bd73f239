package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.TestServer;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code html} of a message is the typed text, escaped, with line breaks as {@code <br>} and
 * http(s) addresses as links that open elsewhere — and nothing else, whatever was typed.
 */
class MessageHtmlIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static long room;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        room = api.createRoom(alice, fresh("html"), false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void markupIsShownAsTextAndOnlyLinksAndLineBreaksBecomeElements() {
        String typed = "<script>alert(1)</script> <b>bold</b> javascript:alert(2)\n"
                + "see https://example.org/a?b=1&c=2 now\r\n"
                + "<img src=x onerror=alert(3)>";

        Element html = render(typed);

        assertThat(tags(html)).containsOnly("a", "br");
        assertThat(html.select("br")).hasSize(2);
        Elements links = html.select("a");
        assertThat(links).hasSize(1);
        assertThat(links.attr("href")).isEqualTo("https://example.org/a?b=1&c=2");
        assertThat(links.attr("rel")).isEqualTo("nofollow noopener noreferrer");
        assertThat(links.attr("target")).isEqualTo("_blank");
        assertThat(links.text()).isEqualTo("https://example.org/a?b=1&c=2");
        assertThat(html.text())
                .contains(
                        "<script>alert(1)</script>",
                        "<b>bold</b>",
                        "javascript:alert(2)",
                        "<img src=x onerror=alert(3)>");
    }

    @Test
    void theContentFieldKeepsWhatWasTyped() {
        String typed = "<b>bold</b>\nhttps://example.org";

        var message = api.say(alice, room, typed);

        assertThat(message.path("content").asText()).isEqualTo(typed);
    }

    @Test
    void plainHttpAddressesAreLinkedToo() {
        Elements links = render("http://intranet.example/wiki, and more").select("a");

        assertThat(links).hasSize(1);
        assertThat(links.attr("href")).isEqualTo("http://intranet.example/wiki");
        assertThat(links.attr("rel")).isEqualTo("nofollow noopener noreferrer");
        assertThat(links.attr("target")).isEqualTo("_blank");
    }

    @Test
    void otherSchemesAreNeverLinked() {
        Element html =
                render("javascript:alert(1) data:text/html,<script>x</script> ftp://files.example vbscript:msgbox");

        assertThat(html.select("a")).isEmpty();
        assertThat(tags(html)).isEmpty();
    }

    @Test
    void anAnchorTypedAsMarkupStaysText() {
        Element html = render("<a href=\"javascript:alert(1)\">click</a> [x](javascript:alert(1))");

        assertThat(html.select("a")).isEmpty();
        assertThat(html.text()).isEqualTo("<a href=\"javascript:alert(1)\">click</a> [x](javascript:alert(1))");
    }

    @Test
    void quotesCannotBreakOutOfALinksHref() {
        Element html = render("https://example.org/\"onmouseover=\"alert(1) https://example.org/'x'");

        assertThat(html.select("a")).hasSize(2);
        for (Element a : html.select("a")) {
            assertThat(a.attributes().asList())
                    .extracting(attr -> attr.getKey())
                    .containsOnly("href", "rel", "target");
            assertThat(a.attr("href")).startsWith("https://example.org/").doesNotContain("\"", "'");
        }
        assertThat(html.text()).contains("onmouseover=\"alert(1)");
    }

    @Test
    void lineBreaksAreKeptAsBr() {
        Element html = render("one\ntwo\r\nthree");

        assertThat(html.select("br")).hasSize(2);
        assertThat(html.textNodes()).extracting(t -> t.text()).containsExactly("one", "two", "three");
    }

    private static Element render(String typed) {
        String html = api.say(alice, room, typed).path("html").asText();
        return Jsoup.parseBodyFragment(html).body();
    }

    private static List<String> tags(Element body) {
        return body.select("*").stream()
                .filter(e -> e != body)
                .map(Element::tagName)
                .distinct()
                .toList();
    }
}
