package dev.parley.store;

import dev.parley.chat.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A consistent copy of a SQLite database taken while other connections (a running Parley) write:
 * {@code VACUUM INTO} reads one snapshot of the WAL-mode database in a read transaction, so the
 * copy holds every transaction committed before it began and none after, and writers go on.
 */
public final class SqliteSnapshot {

    private SqliteSnapshot() {}

    /** The SQLite file a {@code jdbc:sqlite:} URL names, or null when it is not one. */
    public static Path file(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:") ? JdbcUrls.sqliteFile(jdbcUrl) : null;
    }

    /** Writes the copy to {@code target}, which must not exist. */
    public static void copy(Path database, Path target) {
        if (!Files.isRegularFile(database)) throw new StoreException("no database at " + database, null);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                var statement = connection.prepareStatement("VACUUM INTO ?")) {
            // Waits for a writer's lock like Parley does, instead of failing at once.
            try (var busy = connection.createStatement()) {
                busy.execute("PRAGMA busy_timeout = 10000");
            }
            statement.setString(1, target.toString());
            statement.execute();
        } catch (SQLException e) {
            throw new StoreException("cannot copy the database " + database + ": " + e.getMessage(), e);
        }
    }
}
