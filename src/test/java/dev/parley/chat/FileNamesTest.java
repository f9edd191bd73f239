package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How uploaded files' names are cleaned ({@link TextRules#fileName}). */
class FileNamesTest {

    @Test
    void anOrdinaryNameIsKept() {
        assertThat(TextRules.fileName("Quarterly report (final).pdf")).isEqualTo("Quarterly report (final).pdf");
        assertThat(TextRules.fileName("café.png")).isEqualTo("café.png");
    }

    @Test
    void controlAndDirectionCharactersAreDropped() {
        assertThat(TextRules.fileName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(TextRules.fileName("a\u0000b\u0007c\n.txt")).isEqualTo("abc.txt");
        assertThat(TextRules.fileName("zero\u200Bwidth.txt")).isEqualTo("zerowidth.txt");
    }

    @Test
    void namesAreNormalisedAndTrimmed() {
        assertThat(TextRules.fileName("  cafe\u0301.png  ")).isEqualTo("café.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret", "a/b.txt", "C:\\Windows\\win.ini", "/etc/passwd", "..\\up.txt"})
    void aPathIsRefused(String name) {
        assertThatThrownBy(() -> TextRules.fileName(name))
                .isInstanceOf(ChatException.class)
                .hasMessageContaining("path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ".", "..", "\u202E\u200B"})
    void aNameWithNothingVisibleIsRefused(String name) {
        assertThatThrownBy(() -> TextRules.fileName(name)).isInstanceOf(ChatException.class);
    }

    @Test
    void aLongNameIsShortenedKeepingItsExtension() {
        String name = TextRules.fileName("x".repeat(500) + ".tar.gz");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(TextRules.MAX_FILE_NAME);
        assertThat(name).endsWith("\u2026.gz");
    }
}
