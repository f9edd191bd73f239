package dev.parley.chat;

import dev.parley.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Uploading files and reading them back. An upload is checked (size, name, the type its bytes
 * say, an image's pixel count), thumbnailed when it is an image, and stored before any message
 * names it; a message then attaches it ({@link Messages#postAsync(Principal, long, String, String,
 * java.util.List)}). A file is readable by whoever can read the room of its message, and before it
 * is sent only by its uploader; to everyone else it does not exist.
 */
public final class Uploads {

    /** Unattached uploads older than this are swept. */
    public static final Duration UNATTACHED_FOR = Duration.ofDays(1);
    /** Images with more pixels are refused before they are decoded. */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileStore store;
    private final Rooms rooms;
    private final Clock clock;
    private final Path spool;
    private final long maxBytes;

    /** {@code spool}: where uploads are written while they arrive (on the same disk as {@code DATA_DIR}). */
    public Uploads(FileStore store, Rooms rooms, Clock clock, Path spool, long maxBytes) {
        this.store = store;
        this.rooms = rooms;
        this.clock = clock;
        this.spool = spool;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Refuses a body declared larger than the limit, before a byte of it is read. */
    public void checkDeclaredSize(String name, long declared) {
        if (declared > maxBytes) throw tooLarge(name);
    }

    /**
     * Stores what {@code body} holds under the cleaned {@code name}. A retry with the same
     * {@code clientId} returns the first upload ({@code created == false}) without reading the body.
     */
    public FileStore.Put upload(Principal me, String name, InputStream body, String clientId) {
        String clean = TextRules.fileName(name);
        String id = Messages.checkClientId(clientId);
        if (id != null) {
            Optional<StoredFile> earlier = store.byClientId(me.userId(), id);
            if (earlier.isPresent()) return new FileStore.Put(earlier.get(), false);
        }
        Path temp = null;
        try {
            Files.createDirectories(spool);
            temp = Files.createTempFile(spool, "upload-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = copyAtMost(body, out, maxBytes, clean);
            }
            if (size == 0) throw ChatException.invalid("file", "\"" + clean + "\" is empty (0 bytes).");
            String type = FileTypes.sniff(temp);
            FileTypes.check(clean, type, temp);
            Optional<Images.Inspected> image =
                    FileTypes.isRaster(type) ? Images.inspect(temp, MAX_PIXELS) : Optional.empty();
            // An image type whose bytes do not decode is kept, as a plain file no browser renders.
            if (FileTypes.isRaster(type) && image.isEmpty()) type = "application/octet-stream";
            String thumbSha = image.map(i -> hex(sha256(i.thumbnail()))).orElse(null);
            var file = new StoredFile(
                    newId(),
                    me.userId(),
                    id,
                    clean,
                    size,
                    type,
                    HexFormat.of().formatHex(sha.digest()),
                    image.map(Images.Inspected::width).orElse(null),
                    image.map(Images.Inspected::height).orElse(null),
                    image.map(i -> new StoredFile.Thumbnail(
                                    thumbSha, i.thumbnailType(), i.thumbWidth(), i.thumbHeight()))
                            .orElse(null),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    null,
                    null);
            return store.put(file, temp, image.map(Images.Inspected::thumbnail).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /** The file, when the viewer may read it; a {@code not_found} otherwise, exactly as for a file that never was. */
    public StoredFile readable(Principal viewer, String id) {
        StoredFile file = store.find(id).orElseThrow(() -> ChatException.notFound("file"));
        if (file.roomId() == null) {
            if (file.userId() == viewer.userId()) return file;
            throw ChatException.notFound("file");
        }
        if (!rooms.isVisible(viewer, file.roomId())) throw ChatException.notFound("file");
        return file;
    }

    /** The bytes of a readable file (or of its thumbnail), {@code length} of them from {@code offset}. */
    public InputStream open(String sha256, long offset, long length) {
        return store.open(sha256, offset, length);
    }

    /** Sweeps uploads nobody attached within {@link #UNATTACHED_FOR}; how many. */
    public int sweep() {
        return store.sweepUnattached(clock.instant().minus(UNATTACHED_FOR));
    }

    /** Deletes a message's files: the message delete calls this after its commit. */
    public int deleteAttachedTo(long messageId) {
        return store.deleteAttachedTo(messageId);
    }

    private long copyAtMost(InputStream in, OutputStream out, long max, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) throw tooLarge(name);
            out.write(buffer, 0, n);
        }
        return total;
    }

    private ChatException tooLarge(String name) {
        return new ChatException(
                ErrorCode.TOO_LARGE,
                "file",
                (name == null ? "The file" : "\"" + name + "\"") + " is larger than the limit of " + readable(maxBytes)
                        + " per file.");
    }

    public static String readable(long bytes) {
        return bytes % (1024 * 1024) == 0
                ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** 128 random bits, URL-safe: a file's address names nothing guessable. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in the spool is harmless: it is never served, and the next start may clear it
        }
    }
}
