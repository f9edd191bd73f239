package dev.parley;

import dev.parley.store.SqliteSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code parley backup FILE} and {@code parley restore FILE}: one zip holding the SQLite database
 * (a consistent copy, taken while Parley serves), the generated signing key and uploaded files
 * ({@code DATA_DIR/files}) when they exist. PostgreSQL is backed up with its own tools.
 */
final class Archive {

    static final String DATABASE = "parley.db";
    static final List<String> KEYS = List.of("jwt.key");
    static final String FILES = "files";
    static final String POSTGRES_REFUSAL = "the database is PostgreSQL: back it up with pg_dump and restore with"
            + " pg_restore (README, \"Backup, restore and upgrade\"); copy DATA_DIR's jwt.key too if you use it";

    /** A backup or restore that cannot be done; its message is one line for the operator. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private Archive() {}

    static void backup(Config config, Path archive) throws IOException {
        Path database = SqliteSnapshot.file(config.databaseUrl());
        if (database == null) throw new Refused(POSTGRES_REFUSAL);
        if (Files.exists(archive)) throw new Refused(archive + " exists already; choose a new file");
        Path scratch = Files.createTempDirectory(parentOf(archive), ".parley-backup");
        Path copy = scratch.resolve(DATABASE);
        Path partial = scratch.resolve("archive.zip");
        try {
            SqliteSnapshot.copy(database, copy);
            try (var zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                add(zip, DATABASE, copy);
                for (String key : KEYS) {
                    Path file = config.dataDir().resolve(key);
                    if (Files.isRegularFile(file)) add(zip, key, file);
                }
                Path files = config.dataDir().resolve(FILES);
                if (Files.isDirectory(files)) {
                    try (Stream<Path> all = Files.walk(files)) {
                        for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                            add(
                                    zip,
                                    FILES + "/" + files.relativize(f).toString().replace('\\', '/'),
                                    f);
                        }
                    }
                }
            }
            OwnerOnly.set(partial);
            // Whole or not at all: a backup interrupted half-way never looks like one.
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(partial);
            Files.deleteIfExists(scratch);
        }
    }

    static void restore(Config config, Path archive) throws IOException {
        Path database = SqliteSnapshot.file(config.databaseUrl());
        if (database == null) throw new Refused(POSTGRES_REFUSAL);
        if (!Files.isRegularFile(archive)) throw new Refused("no backup at " + archive);
        Path dir = config.dataDir();
        if (Files.exists(dir) && !isEmpty(dir)) {
            throw new Refused("DATA_DIR " + dir + " is not empty: restore into an empty (or new) directory");
        }
        if (Files.exists(database)) throw new Refused("a database exists already at " + database);
        Files.createDirectories(dir);
        boolean sawDatabase = false;
        try (var zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) continue;
                String name = entry.getName();
                Path target = name.equals(DATABASE) ? database : inside(dir, name);
                if (target == null) throw new Refused("not a Parley backup: unexpected entry " + name);
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.copy(zip, target);
                OwnerOnly.set(target);
                sawDatabase |= name.equals(DATABASE);
            }
        }
        if (!sawDatabase) throw new Refused("not a Parley backup: it holds no " + DATABASE);
    }

    /** Where an archive entry goes in DATA_DIR: a known key, or under files/; null for anything else (or outside). */
    private static Path inside(Path dir, String name) {
        if (!KEYS.contains(name) && !name.startsWith(FILES + "/")) return null;
        Path target = dir.resolve(name).normalize();
        return target.startsWith(dir.resolve(FILES).normalize()) || KEYS.contains(name) ? target : null;
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, (OutputStream) zip);
        zip.closeEntry();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** Files that hold secrets or everyone's messages: readable by their owner alone, where the file system says so. */
    private static final class OwnerOnly {
        static void set(Path file) {
            try {
                Files.setPosixFilePermissions(
                        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system: its own rules apply
            }
        }
    }
}
