package dev.parley.chat;

import java.time.Instant;

/**
 * An uploaded file as stored: what it is (a cleaned name, the type sniffed from its bytes, their
 * SHA-256), the image's size in pixels when it is one (already turned by its EXIF orientation),
 * its thumbnail, and the message it is attached to (null until it is sent).
 */
public record StoredFile(
        String id,
        long userId,
        String clientId,
        String name,
        long size,
        String type,
        String sha256,
        Integer width,
        Integer height,
        Thumbnail thumbnail,
        Instant createdAt,
        Long messageId,
        Long roomId) {

    /** A small JPEG or PNG made by the server, stored by its own SHA-256. */
    public record Thumbnail(String sha256, String type, int width, int height) {}

    /** Whether a browser may show it from Parley's origin: a raster image whose header read well. */
    public boolean inline() {
        return thumbnail != null && FileTypes.isRaster(type);
    }

    public Attachment attachment() {
        return new Attachment(
                id,
                name,
                size,
                type,
                width,
                height,
                thumbnail == null ? null : thumbnail.width(),
                thumbnail == null ? null : thumbnail.height(),
                null,
                null);
    }
}
