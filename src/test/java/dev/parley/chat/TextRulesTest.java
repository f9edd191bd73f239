package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, item 8: what room names, status texts and messages may hold. */
class TextRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202Egnp.exe",
                "a\u202Db",
                "a\u2066b\u2069",
                "a\u200Bb",
                "a\u200Cb",
                "a\u200Db",
                "a\u2060b",
                "\uFEFFa",
                "a\u00ADb",
                "a\u180Eb",
                "a\u2028b",
                "a\u2029b",
                "a\u0000b",
                "a\u0007b",
                "a\u001Bb",
                "a\u007Fb",
                "a\u0085b",
                "a\u009Bb",
                "a\uD800b",
                "a\uDC00",
                "\u3164",
                "a\u115Fb",
                "a\uFFA0b",
                "a\u2800b",
                "a\u034Fb",
                "a\uFE0Eb",
                "a\u061Cb",
                "a\u200Eb",
                "a\u200Fb",
                "a\uDB40\uDC20b",
                "a\uDB40\uDD00b"
            })
    void labelsRefuseInvisibleAndDirectionChangingCharacters(String text) {
        for (String field : new String[] {"name", "text"}) {
            assertThatThrownBy(() -> TextRules.label(text, field)).isInstanceOfSatisfying(ChatException.class, e -> {
                assertThat(e.code).isEqualTo(ErrorCode.INVALID_PAYLOAD);
                assertThat(e.field).isEqualTo(field);
                assertThat(e.getMessage()).startsWith(field + ": ").contains("U+");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"général", "日本語チーム", "עברית", "العربية", "emoji 🎉", "thumbs 👍🏽", "a-b_c.d (e) #f", "Ωmega"})
    void labelsKeepWhatPeopleWrite(String text) {
        assertThat(TextRules.label(text, "name")).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"e\u0301cole", "\u00E9cole"})
    void labelsAndMessagesAreNfc(String text) {
        assertThat(TextRules.label(text, "name")).isEqualTo("\u00E9cole");
        assertThat(TextRules.message(text)).isEqualTo("\u00E9cole");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\u0007b",
                "\u001B[31mred",
                "a\u007Fb",
                "a\u0008b",
                "a\u000Bb",
                "a\u000Cb",
                "a\u0085b",
                "a\u009Fb",
                "lone \uD800 high",
                "lone \uDFFF low",
                "ends \uD83D"
            })
    void messagesRefuseControlsAndBrokenUtf16(String text) {
        assertThatThrownBy(() -> TextRules.message(text)).isInstanceOfSatisfying(ChatException.class, e -> {
            assertThat(e.code).isEqualTo(ErrorCode.INVALID_PAYLOAD);
            assertThat(e.field).isEqualTo("content");
            assertThat(e.getMessage()).startsWith("content: ");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"tab\there", "two\nlines", "right-to-left \u200F mark", "joined 👨‍👩‍👧", "😀 surrogate pair"})
    void messagesKeepTabsNewlinesAndFormatCharacters(String text) {
        assertThat(TextRules.message(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"one\r\ntwo", "one\rtwo"})
    void aCarriageReturnInAMessageIsTheNewlineItMeans(String text) {
        assertThat(TextRules.message(text)).isEqualTo("one\ntwo");
    }
}
