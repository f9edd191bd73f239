package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.StoredFile;
import dev.parley.chat.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /files/{id}} and {@code /files/{id}/thumbnail}: a file's bytes, to whoever can read
 * its room (its uploader alone before it is sent); to anyone else a 404, as for a room they
 * cannot see. Only PNG, JPEG, GIF and WebP show inline; everything else downloads, and what a
 * browser could run (HTML, SVG, XML, PDF, script) goes as opaque bytes. One byte range per request,
 * with the SHA-256 as a strong ETag.
 */
final class FileDownloads extends ApiServlet {

    /** Types that would run or render active content from Parley's origin, served as plain bytes. */
    private static final Set<String> ACTIVE = Set.of(
            "text/html",
            "application/xhtml+xml",
            "image/svg+xml",
            "text/xml",
            "application/xml",
            "application/pdf",
            "text/javascript",
            "application/javascript",
            "application/x-shockwave-flash");

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Uploads uploads;

    FileDownloads(Uploads uploads, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.uploads = uploads;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        boolean thumbnail = path.size() == 2 && path.get(1).equals("thumbnail");
        if (path.isEmpty() || path.size() > 2 || (path.size() == 2 && !thumbnail)) throw noRoute();
        StoredFile file = uploads.readable(me, path.get(0));
        if (thumbnail && file.thumbnail() == null) throw ChatException.notFound("thumbnail");
        String sha = thumbnail ? file.thumbnail().sha256() : file.sha256();
        long size = thumbnail ? -1 : file.size();
        String type = thumbnail ? file.thumbnail().type() : servedType(file);

        String etag = "\"" + sha + "\"";
        res.setHeader("ETag", etag);
        res.setHeader("Cache-Control", "private, max-age=86400");
        res.setHeader("X-Content-Type-Options", "nosniff");
        // Even if a browser rendered it, nothing in it could run or reach anything.
        res.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox");
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("Content-Disposition", disposition(file, thumbnail));
        if (etag.equals(req.getHeader("If-None-Match"))) {
            res.setStatus(304);
            return;
        }
        res.setContentType(type);
        if (thumbnail) {
            byte[] bytes;
            try (InputStream in = uploads.open(sha, 0, Long.MAX_VALUE)) {
                bytes = in.readAllBytes();
            }
            res.setContentLengthLong(bytes.length);
            if (!req.getMethod().equals("HEAD")) res.getOutputStream().write(bytes);
            return;
        }
        long from = 0;
        long to = size - 1;
        String range = req.getHeader("Range");
        String ifRange = req.getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    if (!m.group(2).isEmpty()) to = Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (from >= size || from > to) {
                    res.setHeader("Content-Range", "bytes */" + size);
                    res.setContentType(null);
                    res.setStatus(416);
                    return;
                }
                res.setStatus(206);
                res.setHeader("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
        }
        long length = to - from + 1;
        res.setContentLengthLong(length);
        if (req.getMethod().equals("HEAD")) return;
        try (InputStream in = uploads.open(sha, from, length)) {
            OutputStream out = res.getOutputStream();
            in.transferTo(out);
        }
    }

    static String servedType(StoredFile file) {
        return ACTIVE.contains(file.type()) || file.type().startsWith("text/html")
                ? "application/octet-stream"
                : file.type();
    }

    /** Inline only for the raster images; the name in both forms, the ASCII one without quotes or breaks. */
    static String disposition(StoredFile file, boolean thumbnail) {
        String how = thumbnail || file.inline() ? "inline" : "attachment";
        String ascii = file.name().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String utf8 = URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return how + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }
}
