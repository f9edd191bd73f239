package dev.parley.chat;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploaded files: their records in the database, their bytes wherever the engine keeps them —
 * content-addressed files under {@code DATA_DIR} for one instance, the shared PostgreSQL for
 * several, so that every instance serves every file. Bytes are stored before the record that
 * names them, so a record never names bytes that are missing.
 *
 * <p>A file is attached to a message by {@link MessageStore#appendAsync} in the message's own
 * transaction ({@link NewMessage#fileIds}): attached once, to one message, by its uploader.
 */
public interface FileStore {

    /** The outcome of a {@link #put}: the stored file, and whether this call stored it. */
    record Put(StoredFile file, boolean created) {}

    /**
     * Stores the bytes of {@code content} (a temporary file this store may move away) and the
     * thumbnail, then the record. Idempotent on (userId, clientId): a retried upload returns the
     * file the first one stored, with {@code created == false}, and stores nothing.
     */
    Put put(StoredFile file, Path content, byte[] thumbnail);

    Optional<StoredFile> find(String id);

    Optional<StoredFile> byClientId(long userId, String clientId);

    /** {@code length} bytes of the content with this SHA-256, from {@code offset}. */
    InputStream open(String sha256, long offset, long length);

    /** The files of each of these messages that has any, in the order they were attached. */
    Map<Long, List<StoredFile>> attachedTo(Collection<Long> messageIds);

    /** Deletes uploads never attached to a message and stored before {@code before}; how many. */
    int sweepUnattached(Instant before);

    /**
     * Deletes the files of a message, and their bytes when no other file shares them: what
     * deleting the message must call, after its own commit. Returns how many.
     */
    int deleteAttachedTo(long messageId);
}
