package dev.parley.store;

import dev.parley.chat.Attachment;
import dev.parley.chat.ChatException;
import dev.parley.chat.DuplicateException;
import dev.parley.chat.FileStore;
import dev.parley.chat.MessageStore.Appended;
import dev.parley.chat.StoredFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** File records in the {@code files} table; their bytes in {@link Blobs} (on disk, or in PostgreSQL). */
final class JdbcFileStore implements FileStore {

    private static final String SELECT = "SELECT id, user_id, client_id, name, size, type, sha256, width, height,"
            + " thumb_sha256, thumb_type, thumb_width, thumb_height, created_at, message_id, room_id FROM files";

    private final Jdbc jdbc;
    private final Blobs blobs;

    JdbcFileStore(Jdbc jdbc, Blobs blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    @Override
    public Put put(StoredFile f, Path content, byte[] thumbnail) {
        blobs.put(f.sha256(), content);
        if (thumbnail != null) blobs.put(f.thumbnail().sha256(), thumbnail);
        var t = f.thumbnail();
        try {
            jdbc.update(
                    "INSERT INTO files (id, user_id, client_id, name, size, type, sha256, width, height,"
                            + " thumb_sha256, thumb_type, thumb_width, thumb_height, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    f.id(),
                    f.userId(),
                    f.clientId(),
                    f.name(),
                    f.size(),
                    f.type(),
                    f.sha256(),
                    f.width(),
                    f.height(),
                    t == null ? null : t.sha256(),
                    t == null ? null : t.type(),
                    t == null ? null : t.width(),
                    t == null ? null : t.height(),
                    f.createdAt());
            return new Put(f, true);
        } catch (DuplicateException e) {
            // A concurrent retry of the same upload stored it first: answer with that one.
            return byClientId(f.userId(), f.clientId())
                    .map(earlier -> new Put(earlier, false))
                    .orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return jdbc.one(SELECT + " WHERE id = ?", JdbcFileStore::file, id);
    }

    @Override
    public Optional<StoredFile> byClientId(long userId, String clientId) {
        if (clientId == null) return Optional.empty();
        return jdbc.one(SELECT + " WHERE user_id = ? AND client_id = ?", JdbcFileStore::file, userId, clientId);
    }

    @Override
    public InputStream open(String sha256, long offset, long length) {
        return blobs.open(sha256, offset, length);
    }

    @Override
    public Map<Long, List<StoredFile>> attachedTo(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) return Map.of();
        String marks = messageIds.stream().map(id -> "?").collect(Collectors.joining(","));
        List<StoredFile> files = jdbc.list(
                SELECT + " WHERE message_id IN (" + marks + ") ORDER BY message_id, position",
                JdbcFileStore::file,
                messageIds.toArray());
        var out = new LinkedHashMap<Long, List<StoredFile>>();
        for (StoredFile f : files)
            out.computeIfAbsent(f.messageId(), k -> new ArrayList<>()).add(f);
        return out;
    }

    @Override
    public int sweepUnattached(Instant before) {
        List<StoredFile> stale =
                jdbc.list(SELECT + " WHERE message_id IS NULL AND created_at < ?", JdbcFileStore::file, before);
        int swept = 0;
        for (StoredFile f : stale) {
            // Attached meanwhile: the message keeps it.
            if (jdbc.update("DELETE FROM files WHERE id = ? AND message_id IS NULL", f.id()) == 1) {
                swept++;
                forgetBytes(f);
            }
        }
        return swept;
    }

    @Override
    public int deleteAttachedTo(long messageId) {
        List<StoredFile> files = jdbc.list(SELECT + " WHERE message_id = ?", JdbcFileStore::file, messageId);
        jdbc.update("DELETE FROM files WHERE message_id = ?", messageId);
        files.forEach(this::forgetBytes);
        return files.size();
    }

    /** Deletes the bytes of a deleted file that no other file shares. */
    private void forgetBytes(StoredFile f) {
        forgetIfUnused(f.sha256());
        if (f.thumbnail() != null) forgetIfUnused(f.thumbnail().sha256());
    }

    private void forgetIfUnused(String sha256) {
        boolean used = jdbc.one(
                        "SELECT 1 FROM files WHERE sha256 = ? OR thumb_sha256 = ? LIMIT 1", rs -> true, sha256, sha256)
                .isPresent();
        if (!used) blobs.delete(sha256);
    }

    /**
     * Attaches the author's uploads to the message just inserted, inside its transaction: each must
     * be the author's and not yet attached, or the whole message is refused (and rolled back).
     */
    static Appended attach(Connection c, Appended stored, long userId, List<String> fileIds) throws SQLException {
        var m = stored.message();
        var attached = new ArrayList<Attachment>(fileIds.size());
        for (int i = 0; i < fileIds.size(); i++) {
            String id = fileIds.get(i);
            int n = Jdbc.update(
                    c,
                    "UPDATE files SET message_id = ?, room_id = ?, position = ?"
                            + " WHERE id = ? AND user_id = ? AND message_id IS NULL",
                    m.id(),
                    m.roomId(),
                    i,
                    id,
                    userId);
            if (n != 1) {
                throw ChatException.invalid(
                        "files",
                        "The file " + id + " is not an upload of yours waiting to be sent (already sent, or swept).");
            }
            attached.add(Jdbc.one(c, SELECT + " WHERE id = ?", JdbcFileStore::file, id)
                    .orElseThrow()
                    .attachment());
        }
        return new Appended(m.withFiles(attached), stored.created());
    }

    static StoredFile file(ResultSet rs) throws SQLException {
        String thumb = rs.getString("thumb_sha256");
        return new StoredFile(
                rs.getString("id"),
                rs.getLong("user_id"),
                rs.getString("client_id"),
                rs.getString("name"),
                rs.getLong("size"),
                rs.getString("type"),
                rs.getString("sha256"),
                integer(rs, "width"),
                integer(rs, "height"),
                thumb == null
                        ? null
                        : new StoredFile.Thumbnail(
                                thumb, rs.getString("thumb_type"), rs.getInt("thumb_width"), rs.getInt("thumb_height")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.nullableLong(rs, "message_id"),
                Jdbc.nullableLong(rs, "room_id"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
