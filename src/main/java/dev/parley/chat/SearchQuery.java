package dev.parley.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed into the search box, understood. Words match as prefixes ({@code deplo}
 * finds "deployment"); {@code "quoted words"} match as a phrase of whole words; filters narrow:
 * {@code in:#room}, {@code from:@user}, {@code has:file}, {@code before:YYYY-MM-DD} (messages of earlier days) and
 * {@code after:YYYY-MM-DD} (of later days), days in UTC. Anything else that is not a letter or a
 * digit only separates words, so no input reaches a database's query syntax: {@code NEAR(} is the
 * word "near", {@code "}, {@code *} or {@code &|!} alone are nothing to search for.
 *
 * @param room   a room name without its {@code #}, or null
 * @param author a username without its {@code @}, or null
 * @param after  messages of days after this one only, or null
 * @param before messages of days before this one only, or null
 * @param hasFile messages with files attached only ({@code has:file})
 */
public record SearchQuery(
        List<SearchTerm> terms, String room, String author, LocalDate after, LocalDate before, boolean hasFile) {

    static final int MAX_LENGTH = 500;
    static final int MAX_TERMS = 16;

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    /** @throws ChatException {@code invalid_payload} for an empty, oversized or malformed query */
    public static SearchQuery parse(String text) {
        if (text == null || text.isBlank()) throw invalid("Type something to search for.");
        if (text.length() > MAX_LENGTH) throw invalid("A search is at most " + MAX_LENGTH + " characters.");
        var parsed = new Parsed();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? text.length() : close;
                parsed.term(text.substring(i + 1, end), false);
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"')
                    end++;
                parsed.chunk(text.substring(i, end));
                i = end;
            }
        }
        if (parsed.terms.isEmpty()
                && parsed.room == null
                && parsed.author == null
                && parsed.after == null
                && parsed.before == null
                && !parsed.hasFile) {
            throw invalid("Type a word to search for: punctuation alone matches nothing.");
        }
        if (parsed.terms.size() > MAX_TERMS) throw invalid("A search has at most " + MAX_TERMS + " words or phrases.");
        return new SearchQuery(parsed.terms, parsed.room, parsed.author, parsed.after, parsed.before, parsed.hasFile);
    }

    /** Whether some term looks for this (lower-cased) word: what a snippet marks. */
    public boolean marks(String word) {
        return terms.stream().anyMatch(t -> t.marks(word));
    }

    /** The first instant a match may have been posted at, from {@code after:}; null when unbounded. */
    public Instant postedFrom() {
        return after == null ? null : after.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The instant every match was posted before, from {@code before:}; null when unbounded. */
    public Instant postedUntil() {
        return before == null ? null : before.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static ChatException invalid(String message) {
        return ChatException.invalid("q", message);
    }

    private static final class Parsed {
        final List<SearchTerm> terms = new ArrayList<>();
        String room;
        String author;
        LocalDate after;
        LocalDate before;
        boolean hasFile;

        void term(String text, boolean bare) {
            List<String> words = SearchTokens.words(text);
            if (!words.isEmpty()) terms.add(new SearchTerm(words, bare));
        }

        void chunk(String chunk) {
            int colon = chunk.indexOf(':');
            String key = colon < 0 ? "" : chunk.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : chunk.substring(colon + 1);
            if (key.equals("has") && value.equalsIgnoreCase("file")) {
                if (hasFile) throw invalid("Use has:file once per search.");
                hasFile = true;
                return;
            }
            if (value.isEmpty() || !List.of("in", "from", "before", "after").contains(key)) {
                term(chunk, true);
                return;
            }
            switch (key) {
                case "in" -> room = once(room, "in:", strip(value, '#'));
                case "from" -> author = once(author, "from:", strip(value, '@'));
                case "before" -> before = once(before, "before:", day(value, "before:"));
                default -> after = once(after, "after:", day(value, "after:"));
            }
        }

        private static String strip(String value, char sigil) {
            return (value.charAt(0) == sigil ? value.substring(1) : value).toLowerCase(Locale.ROOT);
        }

        private static <T> T once(T previous, String filter, T value) {
            if (previous != null) throw invalid("Use " + filter + " once per search.");
            return value;
        }

        private static LocalDate day(String value, String filter) {
            try {
                if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException("shape", value, 0);
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(filter + " takes a day as YYYY-MM-DD, such as " + filter + "2026-03-01.");
            }
        }
    }
}
