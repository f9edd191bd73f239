package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.FileFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The type of a file comes from its bytes (Apache Tika core on Java 17), never from its name. */
class FileTypesTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void imagesAreKnownByTheirMagicNumbersWhateverTheirName() throws Exception {
        assertThat(FileTypes.sniff(file("a.txt", FileFixtures.png(4, 4)))).isEqualTo("image/png");
        assertThat(FileTypes.sniff(file("b", FileFixtures.jpeg(4, 4)))).isEqualTo("image/jpeg");
        assertThat(FileTypes.sniff(file("c.png", FileFixtures.gif(4, 4)))).isEqualTo("image/gif");
    }

    @Test
    void htmlNamedPngIsHtmlAndRefused() throws Exception {
        Path p = file("cat.png", "<!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8));
        String type = FileTypes.sniff(p);
        assertThat(type).isEqualTo("text/html");
        assertThatThrownBy(() -> FileTypes.check("cat.png", type, p)).hasMessageContaining("PNG");
    }

    @Test
    void anSvgWithScriptIsRefusedAndAPlainOneIsNot() throws Exception {
        Path bad = file("x.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes());
        assertThatThrownBy(() -> FileTypes.check("x.svg", FileTypes.sniff(bad), bad))
                .hasMessageContaining("script");
        Path good =
                file("y.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect width='1' height='1'/></svg>".getBytes());
        FileTypes.check("y.svg", FileTypes.sniff(good), good);
    }

    @Test
    void onlyTheFourRasterTypesAreInline() {
        assertThat(FileTypes.isRaster("image/png")).isTrue();
        assertThat(FileTypes.isRaster("image/webp")).isTrue();
        assertThat(FileTypes.isRaster("image/svg+xml")).isFalse();
        assertThat(FileTypes.isRaster("text/html")).isFalse();
        assertThat(FileTypes.isRaster("application/pdf")).isFalse();
    }
}
