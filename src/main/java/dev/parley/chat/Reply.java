package dev.parley.chat;

/**
 * The message a reply answers, as it is now: its excerpt follows edits, and a deleted original
 * shows as deleted. Plain text, escaped wherever it is shown.
 */
public record Reply(long messageId, long seq, UserRef user, String excerpt, boolean deleted) {

    public static final int EXCERPT = 120;

    /** The first {@link #EXCERPT} characters of a text on one line, with an ellipsis when cut. */
    public static String excerptOf(String content) {
        if (content == null) return "";
        String line = content.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) <= EXCERPT) return line;
        return line.substring(0, line.offsetByCodePoints(0, EXCERPT)) + "…";
    }
}
