package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.FileFixtures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Thumbnails: sized to fit, turned by EXIF orientation, and bombs refused from the header. */
class ImagesTest {

    @TempDir
    Path dir;

    private Images.Inspected inspect(byte[] bytes) throws Exception {
        Path p = Files.write(dir.resolve("img"), bytes);
        return Images.inspect(p, Uploads.MAX_PIXELS).orElseThrow();
    }

    @Test
    void aThumbnailFitsTheBoxAndKeepsTheShape() throws Exception {
        var png = inspect(FileFixtures.png(1200, 600));
        assertThat(png.width()).isEqualTo(1200);
        assertThat(png.height()).isEqualTo(600);
        assertThat(png.thumbWidth()).isEqualTo(Images.THUMBNAIL);
        assertThat(png.thumbHeight()).isEqualTo(Images.THUMBNAIL / 2);
        assertThat(png.thumbnailType()).isEqualTo("image/png"); // it has alpha
        var jpeg = inspect(FileFixtures.jpeg(100, 50));
        assertThat(jpeg.thumbWidth()).isEqualTo(100); // never enlarged
        assertThat(jpeg.thumbnailType()).isEqualTo("image/jpeg");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationTurnsTheThumbnailUpright(int orientation) throws Exception {
        // Stored 200×100: red left half, blue right half, a green mark at the stored top-left.
        var inspected = inspect(FileFixtures.jpegWithOrientation(200, 100, orientation));
        boolean turned = orientation >= 5;
        assertThat(inspected.width()).isEqualTo(turned ? 100 : 200);
        assertThat(inspected.height()).isEqualTo(turned ? 200 : 100);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(inspected.thumbnail()));
        assertThat(thumb.getWidth()).isEqualTo(turned ? 100 : 200);
        // Where the stored top-left corner (green) must land when shown upright, per TIFF 6.0.
        int w = thumb.getWidth() - 1;
        int h = thumb.getHeight() - 1;
        int[][] corner = {null, {0, 0}, {w, 0}, {w, h}, {0, h}, {0, 0}, {w, 0}, {w, h}, {0, h}};
        int x = corner[orientation][0] == 0 ? 3 : w - 3;
        int y = corner[orientation][1] == 0 ? 3 : h - 3;
        assertThat(isGreen(thumb.getRGB(x, y)))
                .as("green at (%d,%d) for orientation %d", x, y, orientation)
                .isTrue();
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        Path p = Files.write(dir.resolve("bomb"), FileFixtures.pngBomb(60_000, 60_000));
        assertThatThrownBy(() -> Images.inspect(p, Uploads.MAX_PIXELS))
                .isInstanceOf(ChatException.class)
                .hasMessageContaining("60000×60000");
    }

    @Test
    void bytesThatDoNotDecodeAreNoImage() throws Exception {
        Path p = Files.write(dir.resolve("broken"), java.util.Arrays.copyOf(FileFixtures.png(50, 50), 40));
        assertThat(Images.inspect(p, Uploads.MAX_PIXELS)).isEmpty();
    }

    @Test
    void webpIsReadThroughTwelveMonkeys() {
        assertThat(ImageIO.getImageReadersByMIMEType("image/webp").hasNext()).isTrue();
    }

    private static boolean isGreen(int rgb) {
        var c = new Color(rgb);
        return c.getGreen() > 150 && c.getRed() < 100 && c.getBlue() < 100;
    }
}
