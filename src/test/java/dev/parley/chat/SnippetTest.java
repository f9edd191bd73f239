package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void matchedWordsAreMarkedWholeAndTheRestEscaped() {
        String html = Snippet.of("<b>Deployment</b> & deploy's \"done\"", SearchQuery.parse("deplo"));

        assertThat(html)
                .isEqualTo(
                        "&lt;b&gt;<mark>Deployment</mark>&lt;/b&gt; &amp; <mark>deploy</mark>&#39;s &quot;done&quot;");
    }

    @Test
    void phraseWordsAreMarkedOnlyWhenWhole() {
        assertThat(Snippet.of("build builder", SearchQuery.parse("\"build\""))).isEqualTo("<mark>build</mark> builder");
    }

    @Test
    void aLongMessageIsCutAroundItsFirstMatch() {
        String text = "word ".repeat(100) + "needle " + "word ".repeat(100);

        String html = Snippet.of(text, SearchQuery.parse("needle"));

        assertThat(html).startsWith("…").endsWith("…").contains("<mark>needle</mark>");
        assertThat(html.replace("<mark>", "").replace("</mark>", "").length()).isLessThanOrEqualTo(Snippet.WIDTH + 2);
    }

    @Test
    void filtersAloneMarkNothing() {
        assertThat(Snippet.of("a <i>b</i>", SearchQuery.parse("from:@bob"))).isEqualTo("a &lt;i&gt;b&lt;/i&gt;");
    }
}
