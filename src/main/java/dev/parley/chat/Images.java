package dev.parley.chat;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Thumbnails of uploaded images, made with ImageIO (TwelveMonkeys adds WebP and a sturdier JPEG).
 * The size in pixels is read from the header first, and an image over the limit is refused
 * before anything decodes it: a few kilobytes of PNG can claim gigabytes of pixels.
 */
public final class Images {

    /** The box a thumbnail fits in, in pixels. */
    public static final int THUMBNAIL = 360;

    /** An image's size (turned by its orientation) and its thumbnail, encoded. */
    public record Inspected(
            int width, int height, byte[] thumbnail, String thumbnailType, int thumbWidth, int thumbHeight) {}

    private Images() {}

    /**
     * The image's size and thumbnail; empty when the bytes do not decode as an image (they are then
     * kept as a plain file). A {@code too_large} {@link ChatException} when it has more than
     * {@code maxPixels} pixels.
     */
    public static Optional<Inspected> inspect(Path file, long maxPixels) {
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) return Optional.empty();
            reader = readers.next();
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) return Optional.empty();
            if ((long) width * height > maxPixels) {
                throw new ChatException(
                        ErrorCode.TOO_LARGE,
                        "file",
                        "The image is " + width + "×" + height + " pixels; images may have at most "
                                + maxPixels / 1_000_000 + " million pixels.");
            }
            int orientation = "jpeg".equalsIgnoreCase(reader.getFormatName()) ? orientation(file) : 1;
            ImageReadParam param = reader.getDefaultReadParam();
            // Decoding every other (or every n-th) pixel keeps a 40-megapixel photo from filling the heap.
            int step = Math.max(1, Math.min(width, height) / (THUMBNAIL * 2));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            return Optional.of(thumbnail(decoded, width, height, orientation));
        } catch (ChatException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return Optional.empty();
        } finally {
            if (reader != null) reader.dispose();
        }
    }

    /** The EXIF orientation of a JPEG, 1 to 8 (1 when it has none or it cannot be read). */
    static int orientation(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) return 1;
            byte[] data = exif.get(0).data().readAllBytes();
            // The TIFF header ("MM" or "II") follows the "Exif" identifier and its padding.
            int tiff = 0;
            while (tiff < Math.min(8, data.length - 1)
                    && !((data[tiff] == 'M' && data[tiff + 1] == 'M')
                            || (data[tiff] == 'I' && data[tiff + 1] == 'I'))) {
                tiff++;
            }
            Directory ifd = new TIFFReader()
                    .read(ImageIO.createImageInputStream(
                            new java.io.ByteArrayInputStream(data, tiff, data.length - tiff)));
            Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry == null) return 1;
            int value = ((Number) entry.getValue()).intValue();
            return value >= 1 && value <= 8 ? value : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private static Inspected thumbnail(BufferedImage decoded, int width, int height, int orientation)
            throws IOException {
        boolean turned = orientation >= 5;
        int shownW = turned ? height : width;
        int shownH = turned ? width : height;
        double scale = Math.min(1.0, Math.min((double) THUMBNAIL / shownW, (double) THUMBNAIL / shownH));
        int thumbW = Math.max(1, (int) Math.round(shownW * scale));
        int thumbH = Math.max(1, (int) Math.round(shownH * scale));
        boolean alpha = decoded.getColorModel().hasAlpha();
        var thumb = new BufferedImage(thumbW, thumbH, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Map the decoded pixels (stored orientation) onto the thumbnail (shown orientation).
            int dw = decoded.getWidth();
            int dh = decoded.getHeight();
            var t = new AffineTransform();
            t.scale((double) thumbW / (turned ? dh : dw), (double) thumbH / (turned ? dw : dh));
            t.concatenate(orient(orientation, dw, dh));
            g.drawImage(decoded, t, null);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        String format = alpha ? "png" : "jpeg";
        if (!ImageIO.write(thumb, format, out)) throw new IOException("no " + format + " writer");
        return new Inspected(shownW, shownH, out.toByteArray(), "image/" + format, thumbW, thumbH);
    }

    /**
     * The transform that turns an image stored with EXIF {@code orientation} upright, from the
     * TIFF 6.0 definitions (e.g. 6: "the 0th row is the visual right-hand side, the 0th column the
     * visual top"). Arguments are m00, m10, m01, m11, m02, m12: x' = m00 x + m01 y + m02.
     */
    static AffineTransform orient(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }
}
