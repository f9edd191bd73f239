package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * The vectors of {@code xss-corpus.txt}, and the checks every place that shows them must pass:
 * the markup Parley makes for a message holds only {@code a} (http/https, forced {@code rel} and
 * {@code target}) and {@code br}; everything else a page or fragment shows has the same shape —
 * elements and attribute names — as it has for harmless text, so no vector added an element, an
 * {@code on*}, {@code hx-*} or {@code ws-*} attribute, or a {@code javascript:} or {@code data:} URL.
 */
final class XssCorpus {

    private XssCorpus() {}

    static List<String> vectors() {
        try (InputStream in = XssCorpus.class.getResourceAsStream("/xss-corpus.txt")) {
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

    /** What Markdown may make of a message: these elements, links only to http(s), no other attribute. */
    static final List<String> MESSAGE_TAGS =
            List.of("a", "br", "p", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li");

    /** The {@code html} of a message: only the Markdown subset's elements, links only to http(s). */
    static void assertMessageMarkup(String html, String vector) {
        Element body = Jsoup.parseBodyFragment(html).body();
        for (Element e : body.select("*")) {
            if (e == body) continue;
            assertThat(e.tagName())
                    .as("element in the html of %s: %s", vector, html)
                    .isIn(MESSAGE_TAGS);
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey())
                        .as("attribute in the html of %s: %s", vector, html)
                        .isIn("href", "rel", "target", "start");
            }
            if (e.tagName().equals("a")) {
                assertThat(e.attr("href")).as("link in %s", vector).matches("(?i)https?://.*");
                assertThat(e.attr("rel")).isEqualTo("nofollow noopener noreferrer");
            }
        }
    }

    /**
     * The shape of a fragment or page outside message bodies: one line per element, its tag and
     * attribute names (values vary with ids and times). Message bodies are checked by
     * {@link #assertMessageMarkup} instead.
     */
    static List<String> shape(String html) {
        Element root = Jsoup.parse(html);
        var out = new ArrayList<String>();
        for (Element e : root.select("*")) {
            if (!e.parents().select(".body").isEmpty()
                    && e.parents().first() != null
                    && !e.parents().select("li.message .body").isEmpty()) continue;
            var names = new ArrayList<String>();
            e.attributes().forEach(a -> names.add(a.getKey()));
            names.sort(null);
            out.add(e.tagName() + names);
        }
        return out;
    }

    /** No attribute anywhere runs script or loads from another place. */
    static void assertNoScriptUrls(String html, String vector) {
        for (Element e : Jsoup.parse(html).select("*")) {
            for (Attribute a : e.attributes()) {
                String value =
                        a.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                assertThat(value)
                        .as("%s=%s for %s", a.getKey(), a.getValue(), vector)
                        .doesNotMatch("^(javascript|vbscript|data):.*");
                assertThat(a.getKey().toLowerCase(Locale.ROOT))
                        .as("attribute for %s", vector)
                        .doesNotStartWith("on");
            }
        }
    }

    static final Set<String> REFUSALS = Set.of("invalid_payload", "conflict", "too_large");
}
