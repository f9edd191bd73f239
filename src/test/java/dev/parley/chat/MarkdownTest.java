package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chat subset of Markdown, through {@link MessageContent#toHtml} as every message takes it. */
class MarkdownTest {

    private static String html(String text) {
        return MessageContent.toHtml(text);
    }

    /** The same markup however its characters are escaped. */
    private static String normal(String html) {
        return org.jsoup.Jsoup.parseBodyFragment(html).body().html();
    }

    @Test
    void emphasisStrikethroughAndInlineCode() {
        assertThat(html("**bold** and *italic* and _also_ and ~~gone~~ and `a < b`"))
                .isEqualTo("<strong>bold</strong> and <em>italic</em> and <em>also</em> and <del>gone</del>"
                        + " and <code>a &lt; b</code>");
    }

    @Test
    void aSingleTildeIsNotStrikethrough() {
        assertThat(html("about ~5 minutes")).isEqualTo("about ~5 minutes");
    }

    @Test
    void fencedCodeKeepsItsTextAndTakesNoLanguageClass() {
        assertThat(html("look:\n```java\nif (a < b) { x(); }\n```"))
                .isEqualTo("<p>look:</p>\n<pre><code>if (a &lt; b) { x(); }\n</code></pre>");
    }

    @Test
    void quotesAndLists() {
        assertThat(html("> quoted\n\n- one\n- two\n\n3. three\n4. four"))
                .isEqualTo("<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
                        + "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>");
    }

    @Test
    void headingsRulesAndIndentedCodeStayText() {
        assertThat(html("# not a heading")).isEqualTo("# not a heading");
        assertThat(html("a\n\n---\n\nb")).doesNotContain("<hr");
        assertThat(html("x\n\n    indented")).doesNotContain("<pre");
    }

    @Test
    void linksToTheWebAreLinksThatOpenSafely() {
        assertThat(html("[docs](https://example.org/a?b=1&c=2)"))
                .isEqualTo("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\""
                        + " target=\"_blank\">docs</a>");
        assertThat(html("see https://example.org/x."))
                .isEqualTo("see <a href=\"https://example.org/x\" rel=\"nofollow noopener noreferrer\""
                        + " target=\"_blank\">https://example.org/x</a>.");
    }

    @Test
    void linksAnywhereElseAreShownAsTyped() {
        assertThat(html("[x](javascript:alert(1))")).isEqualTo("[x](javascript:alert(1))");
        assertThat(html("[x](data:text/html,hi)")).doesNotContain("<a");
        assertThat(html("<javascript:alert(1)>")).doesNotContain("<a");
    }

    @Test
    void imagesAreNeverLoadedOnlyLinked() {
        assertThat(html("![cat](https://example.org/cat.png)"))
                .isEqualTo("<a href=\"https://example.org/cat.png\" rel=\"nofollow noopener noreferrer\""
                        + " target=\"_blank\">cat</a>");
        assertThat(html("![](https://example.org/cat.png)")).contains(">https://example.org/cat.png</a>");
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertThat(html("<b>hi</b> <img src=x onerror=alert(1)>"))
                .isEqualTo("&lt;b&gt;hi&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;");
        assertThat(html("<div>\nblock\n</div>")).doesNotContain("<div").contains("&lt;div&gt;");
    }

    @Test
    void plainTextTakesTheShortPathAndComesOutTheSameAsMarkdownWouldMakeIt() {
        for (String text :
                new String[] {"hello there", "it's 5 o'clock", "a \"quote\"", "2024 was good", "x = y / 2"}) {
            assertThat(MessageContent.plain(text)).as(text).isTrue();
            assertThat(normal(html(text))).isEqualTo(normal(Markdown.toHtml(text)));
        }
        for (String text : new String[] {"1. first", "- item", "**b**", "a\nb", "https://x.org", "&amp;"}) {
            assertThat(MessageContent.plain(text)).as(text).isFalse();
        }
    }
}
