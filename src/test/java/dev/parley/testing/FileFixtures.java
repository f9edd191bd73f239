package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Files the file tests upload, made in code (no binaries in the repository), and the upload itself. */
public final class FileFixtures {

    private FileFixtures() {}

    /** POST /api/files?name=…: the body is the file. */
    public static Reply upload(ApiClient api, ApiClient.Session who, String name, byte[] bytes, String clientId) {
        String q = "/api/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (clientId == null ? "" : "&clientId=" + clientId);
        var req = api.request(q)
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(bytes));
        if (who != null) req.header("Authorization", "Bearer " + who.accessToken());
        return ApiClient.send(req);
    }

    /** Uploads and returns the file's id, failing the test when the upload is refused. */
    public static String uploaded(ApiClient api, ApiClient.Session who, String name, byte[] bytes) {
        Reply r = upload(api, who, name, bytes, null);
        if (r.status() != 201) throw new AssertionError("upload of " + name + ": " + r);
        return r.json().path("id").asText();
    }

    /** Posts a message attaching {@code fileIds}. */
    public static Reply send(
            ApiClient api, ApiClient.Session who, long roomId, String content, String clientId, String... fileIds) {
        var body = new java.util.LinkedHashMap<String, Object>();
        if (content != null) body.put("content", content);
        if (clientId != null) body.put("clientId", clientId);
        body.put("files", java.util.List.of(fileIds));
        return api.post("/api/rooms/" + roomId + "/messages", who.accessToken(), body);
    }

    public static JsonNode firstFile(JsonNode message) {
        return message.path("files").path(0);
    }

    /** A w×h image: left half red, right half blue, top-left pixel green (to tell orientations apart). */
    public static BufferedImage picture(int w, int h, boolean alpha) {
        var img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, Math.max(1, w / 8), Math.max(1, h / 8));
        g.dispose();
        return img;
    }

    public static byte[] png(int w, int h) {
        return encode(picture(w, h, true), "png");
    }

    public static byte[] jpeg(int w, int h) {
        return encode(picture(w, h, false), "jpeg");
    }

    public static byte[] gif(int w, int h) {
        return encode(picture(w, h, false), "gif");
    }

    public static byte[] encode(BufferedImage img, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment saying {@code orientation} (1 to 8), right after its SOI marker. */
    public static byte[] jpegWithOrientation(int w, int h, int orientation) {
        byte[] jpeg = jpeg(w, h);
        var tiff = new ByteArrayOutputStream();
        try (var d = new DataOutputStream(tiff)) {
            d.writeBytes("Exif");
            d.writeShort(0);
            d.writeBytes("MM"); // big-endian TIFF
            d.writeShort(42);
            d.writeInt(8); // the first IFD follows the header
            d.writeShort(1); // one entry
            d.writeShort(0x0112); // Orientation
            d.writeShort(3); // SHORT
            d.writeInt(1);
            d.writeShort(orientation);
            d.writeShort(0);
            d.writeInt(0); // no next IFD
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] app1 = tiff.toByteArray();
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        int len = app1.length + 2;
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(app1, 0, app1.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A small PNG whose header claims {@code w}×{@code h} pixels, with a row or two of real data:
     * decoding it whole would need gigabytes, reading its header needs nothing.
     */
    public static byte[] pngBomb(int w, int h) {
        var out = new ByteArrayOutputStream();
        try (var d = new DataOutputStream(out)) {
            d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            var ihdr = new ByteArrayOutputStream();
            var h2 = new DataOutputStream(ihdr);
            h2.writeInt(w);
            h2.writeInt(h);
            h2.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale, deflate, no filter, no interlace
            chunk(d, "IHDR", ihdr.toByteArray());
            var zipped = new ByteArrayOutputStream();
            try (var z = new DeflaterOutputStream(zipped, new Deflater(9))) {
                z.write(new byte[Math.min(w + 1, 1 << 20) * 2]);
            }
            chunk(d, "IDAT", zipped.toByteArray());
            chunk(d, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        var crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
