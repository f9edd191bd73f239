package dev.parley.bench.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading frames as bytes, without decoding them to strings. */
final class Bytes {

    private Bytes() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(ByteBuffer b, byte[] prefix) {
        int p = b.position();
        if (b.limit() - p < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b.get(p + i) != prefix[i]) return false;
        return true;
    }

    /** The unsigned integer at an absolute index, or -1 when there is no digit there. */
    static long digitsAt(ByteBuffer b, int at) {
        long v = -1;
        for (int i = at; i < b.limit(); i++) {
            byte c = b.get(i);
            if (c < '0' || c > '9') break;
            v = (v < 0 ? 0 : v * 10) + (c - '0');
        }
        return v;
    }

    /** Whether {@code "success":true} comes first among the success flags of the frame's first bytes. */
    static boolean successTrue(ByteBuffer b, int from) {
        byte[] key = SUCCESS;
        int end = Math.min(b.limit(), from + 256) - key.length;
        for (int i = from; i < end; i++) {
            boolean match = true;
            for (int k = 0; k < key.length && match; k++) match = b.get(i + k) == key[k];
            if (match) return b.get(i + key.length) == 't';
        }
        return false;
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    private static final byte[] SUCCESS = ascii("\"success\":");
}
