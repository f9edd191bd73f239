package dev.parley.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A SQLite database readable and writable by its owner only: it holds password hashes, refresh
 * token hashes and every message. SQLite gives the {@code -wal} and {@code -shm} files it creates
 * the mode of the database file, so creating that one 0600 covers all three; files an older version
 * left readable by others are narrowed too.
 */
final class OwnerOnly {

    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    static void sqliteFiles(Path db) {
        if (db == null) return;
        try {
            try {
                Files.createFile(db, PosixFilePermissions.asFileAttribute(MODE));
            } catch (FileAlreadyExistsException exists) {
                narrow(db);
            }
            narrow(Path.of(db + "-wal"));
            narrow(Path.of(db + "-shm"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX modes (some mounts): its own access rules apply.
        } catch (IOException e) {
            // Not ours to report: SQLite, opening it next, says what is wrong with the path in its own words.
        }
    }

    private static void narrow(Path file) throws IOException {
        if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(MODE))
            Files.setPosixFilePermissions(file, MODE);
    }
}
