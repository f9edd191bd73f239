package dev.parley.live;

import java.util.List;
import java.util.Random;

/**
 * Frames for {@link FrameFuzzIT}: well-formed frames of every event (program and page shapes),
 * then mutated — cut, spliced, bytes flipped, values swapped for odd types, nested deep — or
 * plain random text. Deterministic for a given {@link Random}.
 */
final class FrameMutator {

    private static final List<String> EVENTS = List.of(
            "send-message",
            "join-room",
            "leave-room",
            "typing-start",
            "typing-stop",
            "mark-read",
            "update-presence",
            "sync",
            "shout",
            "",
            "__proto__",
            "constructor",
            "SEND-MESSAGE");
    private static final List<String> ODD_VALUES = List.of(
            "null",
            "true",
            "-1",
            "0",
            "1e309",
            "-9223372036854775809",
            "9223372036854775807",
            "18446744073709551616",
            "1.5",
            "\"\"",
            "\"7\"",
            "\"abc\"",
            "[]",
            "{}",
            "[1,2]",
            "{\"$ne\":1}",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"<script>alert(1)</script>\"",
            "\"' OR 1=1 --\"",
            "\"../../etc/passwd\"",
            "\"%s%n%x\"",
            "\"${jndi:ldap://x/a}\"",
            "NaN",
            "Infinity");
    private static final String ALPHABET = "{}[]\":,\\ abcxyz0123456789-+.eE\n\t\u0000\u007f\u00e9\u202e\u200b😀";

    private final Random random;
    private final long room;

    FrameMutator(Random random, long room) {
        this.random = random;
        this.room = room;
    }

    String next(boolean page) {
        String frame = switch (random.nextInt(10)) {
            case 0 -> randomText();
            case 1 -> deep();
            case 2, 3 -> valid(page);
            default -> mutate(valid(page));
        };
        // A cut through a surrogate pair cannot travel as UTF-8 (the client refuses to send it); lone surrogates
        // reach the server only as JSON escapes, which ODD_VALUES carries.
        return frame.codePoints()
                .map(cp -> Character.isSurrogate((char) cp) && cp <= 0xFFFF ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private String valid(boolean page) {
        String event = EVENTS.get(random.nextInt(EVENTS.size()));
        String data = switch (event) {
            case "send-message" ->
                "{\"roomId\":" + roomValue() + ",\"content\":" + contentValue() + ",\"clientId\":\"fz-"
                        + random.nextInt(50) + "\"}";
            case "mark-read" -> "{\"roomId\":" + roomValue() + ",\"seq\":" + random.nextInt(1000) + "}";
            case "update-presence" ->
                "{\"status\":\"" + List.of("online", "away", "busy", "gone").get(random.nextInt(4)) + "\",\"text\":"
                        + contentValue() + "}";
            case "sync" -> "{\"rooms\":{\"" + room + "\":" + random.nextInt(100) + "}}";
            default -> "{\"roomId\":" + roomValue() + "}";
        };
        if (page) {
            // htmx's ws-send: the form's fields flat beside the event, all strings, with its HEADERS.
            String flat = data.substring(1, data.length() - 1);
            return "{\"event\":\"" + event + "\"," + flat + (flat.isEmpty() ? "" : ",")
                    + "\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,\"HX-Target\":\"live\",\"HX-Current-URL\":\"/rooms/"
                    + room + "\"}}";
        }
        String ack = random.nextBoolean() ? "," + "\"ack\":" + random.nextInt(1_000_000) : "";
        return "{\"event\":\"" + event + "\"" + ack + ",\"data\":" + data + "}";
    }

    private String roomValue() {
        return random.nextInt(4) == 0
                ? ODD_VALUES.get(random.nextInt(ODD_VALUES.size()))
                : Long.toString(random.nextInt(5) == 0 ? room + 1000 : room);
    }

    private String contentValue() {
        return random.nextInt(3) == 0 ? ODD_VALUES.get(random.nextInt(ODD_VALUES.size())) : "\"" + word() + "\"";
    }

    private String word() {
        var out = new StringBuilder();
        int n = 1 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            if (c == '"' || c == '\\' || c < 0x20) c = 'q';
            out.append(c);
        }
        return out.toString();
    }

    private String mutate(String frame) {
        var out = new StringBuilder(frame);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(6)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> out.setLength(at);
                case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(40))));
                case 4 -> out.insert(at, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                default -> out.append(random.nextBoolean() ? "}" : ",\"event\":\"join-room\"}garbage");
            }
        }
        return out.toString();
    }

    private String deep() {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"event\":\"sync\",\"ack\":1,\"data\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
    }

    private String randomText() {
        var out = new StringBuilder();
        int n = random.nextInt(200);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(4) == 0
                    ? random.nextInt(0xD7FF)
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
