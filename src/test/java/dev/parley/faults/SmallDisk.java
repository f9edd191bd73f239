package dev.parley.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own (a tmpfs, mounted as root), so that a test can fill the disk
 * under a database and free it again without touching the machine's real disks.
 */
final class SmallDisk implements AutoCloseable {

    final Path dir;
    private final Path filler;

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes}; throws when this process may not mount (not root, no CAP_SYS_ADMIN). */
    static SmallDisk mount(int megabytes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("parley-small-disk");
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    /** Writes a file until the disk refuses: nothing else fits afterwards. */
    void fill() throws IOException {
        byte[] block = new byte[64 << 10];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", dir.toString());
        Files.deleteIfExists(dir);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(p.getInputStream().readAllBytes()).trim());
        }
    }
}
