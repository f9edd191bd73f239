package dev.parley.store;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of files live, named by their SHA-256: once stored, a name always means the same
 * bytes, so storing twice is storing once. Durable when {@code put} returns.
 */
interface Blobs {

    /** Stores the bytes of {@code content}, a temporary file this may move away. */
    void put(String sha256, Path content);

    void put(String sha256, byte[] bytes);

    /** {@code length} bytes from {@code offset}; a {@link dev.parley.chat.StoreException} when missing. */
    InputStream open(String sha256, long offset, long length);

    /** Forgets the bytes; called only once no file names them. */
    void delete(String sha256);
}
