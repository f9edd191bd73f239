package dev.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How search cuts text into words, the one rule both databases' indexes follow: a word is a run
 * of letters and digits, compared in lower case; everything else separates words. SQLite's FTS5
 * {@code unicode61} tokenizer (diacritics kept) and PostgreSQL's {@code simple} configuration over
 * the text with every other character replaced by a space cut the same way, which is why a query
 * finds the same messages on both.
 */
public final class SearchTokens {

    private SearchTokens() {}

    /** One word of a text: where it starts and ends (UTF-16 offsets), and its lower-cased form. */
    public record Token(int start, int end, String word) {}

    public static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < text.length() && isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            tokens.add(new Token(start, i, text.substring(start, i).toLowerCase(Locale.ROOT)));
        }
        return tokens;
    }

    /** The lower-cased words of a text, in order. */
    public static List<String> words(String text) {
        return of(text).stream().map(Token::word).toList();
    }

    static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }
}
