package dev.parley.chat;

import java.util.List;

/**
 * The part of a message a result shows: at most {@link #WIDTH} characters around the first word
 * the query matched, HTML-escaped, each matched word wrapped in {@code <mark>}. Marking is done
 * here, not by a database, so both stores show the same snippet.
 */
final class Snippet {

    static final int WIDTH = 200;
    /** How much text to keep before the first match, so it reads in context. */
    static final int LEAD = 60;

    private Snippet() {}

    static String of(String content, SearchQuery query) {
        List<SearchTokens.Token> marked = SearchTokens.of(content).stream()
                .filter(t -> query.marks(t.word()))
                .toList();
        int start = 0;
        if (content.length() > WIDTH && !marked.isEmpty()) {
            start = Math.max(0, Math.min(marked.get(0).start() - LEAD, content.length() - WIDTH));
            start = wordStart(content, start);
        }
        int end = Math.min(content.length(), start + WIDTH);
        if (end < content.length() && Character.isLowSurrogate(content.charAt(end))) end--;
        var out = new StringBuilder(end - start + 32);
        if (start > 0) out.append('…');
        int at = start;
        for (SearchTokens.Token t : marked) {
            if (t.end() <= start) continue;
            if (t.start() >= end) break;
            int from = Math.max(t.start(), start);
            int to = Math.min(t.end(), end);
            escape(content, at, from, out);
            out.append("<mark>");
            escape(content, from, to, out);
            out.append("</mark>");
            at = to;
        }
        escape(content, at, end, out);
        if (end < content.length()) out.append('…');
        return out.toString();
    }

    /** Moves a cut forward to the next word boundary, so a snippet does not begin mid-word. */
    private static int wordStart(String content, int at) {
        if (at == 0) return 0;
        int i = at;
        while (i < content.length() && i - at < 20 && !Character.isWhitespace(content.charAt(i - 1))) i++;
        return i - at < 20 && i < content.length() ? i : at;
    }

    private static void escape(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
