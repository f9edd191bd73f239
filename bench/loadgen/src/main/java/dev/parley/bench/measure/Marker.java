package dev.parley.bench.measure;

import java.nio.ByteBuffer;

/**
 * What a benchmark message carries in its content: {@code ~B<id>.<sender>.<sentAt>~} and some
 * filler. Receivers find it with a byte scan instead of parsing JSON, whatever the wire format,
 * since neither server escapes these characters.
 */
public final class Marker {

    private static final byte TILDE = '~';
    private static final byte B = 'B';
    private static final String FILLER = " the quick brown fox jumps over the lazy dog, twice over";

    private Marker() {}

    public static String content(long id, int sender, long sentAt) {
        return "~B" + id + '.' + sender + '.' + sentAt + '~' + FILLER;
    }

    /** Finds the marker in a frame; false if there is none. Leaves the buffer's position alone. */
    public static boolean read(ByteBuffer frame, Parsed out) {
        int end = frame.limit() - 1;
        for (int i = frame.position(); i < end; i++) {
            if (frame.get(i) == TILDE && frame.get(i + 1) == B) {
                int p = i + 2;
                long id = 0;
                byte c;
                while ((c = frame.get(p++)) != '.') id = id * 10 + (c - '0');
                int sender = 0;
                while ((c = frame.get(p++)) != '.') sender = sender * 10 + (c - '0');
                long sent = 0;
                while ((c = frame.get(p++)) != TILDE) sent = sent * 10 + (c - '0');
                out.id = id;
                out.sender = sender;
                out.sentAt = sent;
                return true;
            }
        }
        return false;
    }

    /** Reused per socket, so a delivery allocates nothing. */
    public static final class Parsed {
        public long id;
        public int sender;
        public long sentAt;
    }
}
