package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    @Test
    void markupIsShownAsTextNeverRun() {
        assertThat(MessageContent.toHtml("<script>alert(1)</script> & <b>bold</b>"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void lineBreaksAreKept() {
        assertThat(MessageContent.toHtml("one\ntwo\r\nthree")).isEqualTo("one<br>two<br>three");
    }

    @Test
    void webAddressesBecomeLinksThatOpenSafely() {
        assertThat(MessageContent.toHtml("see https://example.org/a?b=1&c=2."))
                .isEqualTo(
                        "see <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"
                                + "https://example.org/a?b=1&amp;c=2</a>.");
    }

    @Test
    void onlyHttpAddressesAreLinked() {
        assertThat(MessageContent.toHtml("javascript:alert(1) ftp://x.org")).doesNotContain("<a");
        var link = Jsoup.parseBodyFragment(MessageContent.toHtml("https://x.org/\"onmouseover=\"alert(1)"))
                .selectFirst("a");
        assertThat(link.attr("href")).isEqualTo("https://x.org/");
        assertThat(link.attributes().asList())
                .extracting(a -> a.getKey())
                .containsExactlyInAnyOrder("href", "rel", "target");
    }

    @Test
    void aMessageNeedsText() {
        assertThatThrownBy(() -> MessageContent.check("   \n "))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code).isEqualTo(ErrorCode.INVALID_PAYLOAD));
        assertThatThrownBy(() -> MessageContent.check(null)).isInstanceOf(ChatException.class);
    }

    @Test
    void theLimitCountsCharactersAsPeopleDo() {
        String emoji = "😀".repeat(MessageContent.MAX_LENGTH);
        assertThat(MessageContent.check(emoji)).hasSize(MessageContent.MAX_LENGTH * 2);
        assertThatThrownBy(() -> MessageContent.check(emoji + "!"))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertThat(MessageContent.check("  hello \n")).isEqualTo("hello");
    }
}
