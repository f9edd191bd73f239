package dev.parley.chat;

/**
 * Checks what a person typed and turns it into the markup shown for it: the chat subset of
 * Markdown ({@link Markdown}), line breaks kept, web addresses made into links. The result passes
 * jsoup's cleaner, so whatever slips past the Markdown library still cannot become script.
 */
public final class MessageContent {

    public static final int MAX_LENGTH = 4000;

    private MessageContent() {}

    /** Trims and checks a message body; the limit counts code points, as people count characters. */
    public static String check(String content) {
        if (content == null || content.isBlank()) throw ChatException.invalid("content", "A message needs some text.");
        String text = TextRules.message(content).strip();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new ChatException(
                    ErrorCode.TOO_LARGE, "content", "A message holds at most " + MAX_LENGTH + " characters.");
        }
        return text;
    }

    /**
     * The markup for a message's text: {@link Markdown}, cleaned. A text with nothing Markdown or a
     * link could make of it (most are) is only escaped, which is what Markdown would make of it too.
     */
    public static String toHtml(String text) {
        if (plain(text)) return escape(text);
        return Markdown.toHtml(text);
    }

    /** No character Markdown reads inline, no web address, one line, and nothing at its start that opens a list or a quote. */
    static boolean plain(String text) {
        if (text.isEmpty() || text.contains("://")) return text.isEmpty();
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '*', '_', '~', '`', '[', ']', '<', '>', '&', '\\', '\n', '\r' -> {
                    return false;
                }
                default -> {}
            }
        }
        char first = text.charAt(0);
        if (first == '-' || first == '+' || first == ' ' || first == '\t') return false;
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) digits++;
        return digits == 0 || digits == text.length() || (text.charAt(digits) != '.' && text.charAt(digits) != ')');
    }

    private static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
