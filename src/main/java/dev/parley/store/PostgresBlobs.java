package dev.parley.store;

import dev.parley.chat.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/**
 * Blobs in the shared PostgreSQL ({@code file_blobs}), so that every instance serves every file.
 * Stored uncompressed and out of line, so reading a range reads only its pages: large files are
 * read in chunks of {@link #CHUNK} with {@code substring}, never whole into memory.
 */
final class PostgresBlobs implements Blobs {

    static final int CHUNK = 1024 * 1024;

    private final Jdbc jdbc;

    PostgresBlobs(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String sha256, Path content) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO file_blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING");
                    InputStream in = Files.newInputStream(content)) {
                ps.setString(1, sha256);
                ps.setBinaryStream(2, in, Files.size(content));
                return ps.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void put(String sha256, byte[] bytes) {
        jdbc.update(
                "INSERT INTO file_blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING", sha256, bytes);
    }

    @Override
    public InputStream open(String sha256, long offset, long length) {
        return new InputStream() {
            private long at = offset;
            private long left = length;
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == chunk.length) {
                    if (left <= 0) return -1;
                    int want = (int) Math.min(CHUNK, left);
                    chunk = jdbc.one(
                                    "SELECT substring(bytes FROM ?::int FOR ?::int) FROM file_blobs WHERE sha256 = ?",
                                    rs -> rs.getBytes(1),
                                    at + 1,
                                    want,
                                    sha256)
                            .orElseThrow(() -> new StoreException("a stored file is missing: " + sha256, null));
                    if (chunk.length == 0) return -1;
                    pos = 0;
                    at += chunk.length;
                    left -= chunk.length;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void delete(String sha256) {
        jdbc.update("DELETE FROM file_blobs WHERE sha256 = ?", sha256);
    }
}
