package dev.parley.store;

import dev.parley.chat.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under one directory ({@code DATA_DIR/files}), at {@code ab/cd/abcd…} by their
 * SHA-256. Each is synced to disk under a temporary name and then renamed into place, so a file at
 * its final name is always whole, even after a crash.
 */
final class DiskBlobs implements Blobs {

    private final Path root;

    DiskBlobs(Path root) {
        this.root = root;
    }

    @Override
    public void put(String sha256, Path content) {
        Path target = path(sha256);
        if (Files.exists(target)) return;
        try {
            try (FileChannel ch = FileChannel.open(content, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.createDirectories(target.getParent());
            // The spool is on the same disk, in DATA_DIR/files: this is a rename.
            moveIntoPlace(content, target);
        } catch (IOException e) {
            throw new StoreException("cannot store a file: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String sha256, byte[] bytes) {
        Path target = path(sha256);
        if (Files.exists(target)) return;
        try {
            Files.createDirectories(target.getParent());
            Path staged = Files.createTempFile(target.getParent(), sha256, ".part");
            Files.write(staged, bytes);
            sync(staged);
            moveIntoPlace(staged, target);
        } catch (IOException e) {
            throw new StoreException("cannot store a file: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(path(sha256), StandardOpenOption.READ);
            ch.position(offset);
            return new Bounded(Channels.newInputStream(ch), length);
        } catch (IOException e) {
            throw new StoreException("cannot read a stored file: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new StoreException("cannot delete a stored file: " + e.getMessage(), e);
        }
    }

    private Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256);
        return root.resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    private static void sync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** At most {@code left} bytes of a stream. */
    static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
