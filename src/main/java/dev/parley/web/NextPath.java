package dev.parley.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a person goes after signing in: the {@code next} they arrived with, if it is a path on
 * Parley itself, else {@code /}.
 *
 * <p>The check runs on what a browser would finally follow, not on the raw text: the target is
 * resolved against a stand-in origin with its dot segments removed, and must keep that origin.
 * Browsers drop tabs and newlines and read {@code \} as {@code /}, and servers decode escapes
 * such as {@code %2F} before normalising, so a target holding a control character, a backslash,
 * an escaped path character ({@code / \ .}) or {@code //} anywhere is refused outright: no page of
 * Parley needs one, and each is a way to turn a path into another host.
 */
final class NextPath {

    static final String HOME = "/";

    private static final String ORIGIN_HOST = "parley.invalid";
    private static final URI ORIGIN = URI.create("http://" + ORIGIN_HOST + "/");
    private static final int MAX_LENGTH = 2048;

    private NextPath() {}

    /** The normalised local path (with its query) to redirect to; {@link #HOME} for anything else. */
    static String of(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) return HOME;
        // java.net.URI folds "//" inside a path where a browser keeps it: refused before, not judged after.
        if (!next.startsWith("/") || next.contains("//") || !printableAscii(next) || !harmlessEscapes(next))
            return HOME;
        URI resolved;
        try {
            resolved = ORIGIN.resolve(new URI(next)).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return HOME;
        }
        if (!sameOrigin(resolved)) return HOME;
        String path = resolved.getRawPath();
        if (path == null
                || !path.startsWith("/")
                || path.contains("//")
                || path.contains("/../")
                || path.endsWith("/..")) return HOME;
        return resolved.getRawQuery() == null ? path : path + "?" + resolved.getRawQuery();
    }

    private static boolean sameOrigin(URI u) {
        return "http".equals(u.getScheme())
                && ORIGIN_HOST.equals(u.getHost())
                && u.getPort() == -1
                && u.getRawUserInfo() == null
                && ORIGIN_HOST.equals(u.getRawAuthority());
    }

    /** Visible ASCII only: request paths arrive percent-encoded, so anything else was put there by hand. */
    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') return false;
        }
        return true;
    }

    /** Every {@code %XY} is well formed and decodes to nothing that shapes a path or that a browser would drop. */
    private static boolean harmlessEscapes(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length()) return false;
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) return false;
            int c = hi * 16 + lo;
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '.' || c == '%') return false;
        }
        return true;
    }
}
