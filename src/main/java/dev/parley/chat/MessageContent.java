package dev.parley.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Turns what a person typed into the markup shown for it: plain text, line breaks kept, web
 * addresses made into links. The result passes jsoup's cleaner, so whatever slips past the
 * escaping here still cannot become script.
 */
public final class MessageContent {

    public static final int MAX_LENGTH = 4000;

    private static final Pattern URL =
            Pattern.compile("\\bhttps?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]]", Pattern.CASE_INSENSITIVE);
    private static final Safelist SAFE = new Safelist()
            .addTags("a", "br")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

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

    public static String toHtml(String text) {
        // Most messages have no link and no line break: escaped, they hold no markup at all, so the cleaner has nothing
        // to do.
        // The link pattern tests a word boundary at every character; "://" is far cheaper to look for.
        boolean mayLink = text.contains("://");
        if (!mayLink && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return escape(text);
        Matcher m = URL.matcher(mayLink ? text : "");
        var html = new StringBuilder();
        int at = 0;
        while (m.find()) {
            html.append(escape(text.substring(at, m.start())));
            String url = escape(m.group());
            html.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            at = m.end();
        }
        html.append(escape(text.substring(at)));
        String withBreaks = html.toString().replace("\r\n", "\n").replace("\n", "<br>");
        return Jsoup.clean(withBreaks, "", SAFE, COMPACT);
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
