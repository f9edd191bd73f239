package dev.parley.chat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.Tika;

/**
 * What a file is, from its bytes (Apache Tika's magic numbers), never from what the client said
 * it is; and which files a browser may be shown from Parley's origin.
 */
public final class FileTypes {

    private static final Tika TIKA = new Tika();
    private static final Set<String> RASTER = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    /** What makes an SVG run code: a script element, an event handler, a javascript: address, a foreign object. */
    private static final Pattern SVG_ACTIVE = Pattern.compile(
            "<\\s*script|\\son[a-z]+\\s*=|javascript\\s*:|<\\s*foreignobject|<\\s*iframe|<\\s*embed|<\\s*object",
            Pattern.CASE_INSENSITIVE);

    private static final int SVG_SCAN = 4 * 1024 * 1024;

    private FileTypes() {}

    /** The four image types pages show inline (and thumbnail); everything else is served as a download. */
    public static boolean isRaster(String type) {
        return RASTER.contains(type);
    }

    /** The type the bytes say, e.g. {@code image/png}, {@code text/plain}, {@code application/octet-stream}. */
    static String sniff(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return TIKA.detect(in);
        }
    }

    /** The type a name claims by its extension ({@code application/octet-stream} when it claims none). */
    static String claimed(String name) {
        return TIKA.detect(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses a file whose name claims one of the inline image types while its bytes are
     * something else (an HTML page named {@code cat.png}), and an SVG that carries script.
     */
    static void check(String name, String sniffed, Path file) throws IOException {
        String claimed = claimed(name);
        if (isRaster(claimed) && !claimed.equals(sniffed)) {
            throw ChatException.invalid(
                    "file",
                    "\"" + name + "\" is named like a " + label(claimed) + " image, but its content is " + sniffed
                            + ". Rename it or upload the real image.");
        }
        if (sniffed.equals("image/svg+xml") || claimed.equals("image/svg+xml")) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(SVG_SCAN);
            }
            if (SVG_ACTIVE.matcher(new String(head, StandardCharsets.UTF_8)).find()) {
                throw ChatException.invalid(
                        "file", "\"" + name + "\" is an SVG image with script in it; Parley does not take those.");
            }
        }
    }

    private static String label(String type) {
        return type.substring(type.indexOf('/') + 1).toUpperCase(Locale.ROOT);
    }
}
