package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void anUnsupportedUrlIsRefusedNamingTheSupportedOnes() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/parley?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachablePostgresIsNamedInOneLineWithoutThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/parley?user=parley&password=hunter2&connectTimeout=2";

        assertThatThrownBy(() -> Database.open(url))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open database jdbc:postgresql://127.0.0.1:1/parley")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rebuildingTheSqliteRoomsTableForGroupsKeepsEveryRoomAndWhatReferstoIt() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("parley.db");
        try (Connection c = java.sql.DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            // The schema as it was before group conversations.
            org.flywaydb.core.Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration/sqlite")
                    .target(newestBefore(17))
                    .load()
                    .migrate();
            s.execute("INSERT INTO users (username, username_key, password_hash, created_at) VALUES"
                    + " ('ann', 'ann', 'x', 1), ('bob', 'bob', 'x', 1)");
            s.execute("INSERT INTO rooms (kind, name, name_key, is_private, owner_id, created_at)"
                    + " VALUES ('channel', 'general', 'general', FALSE, 1, 1)");
            s.execute("INSERT INTO rooms (kind, is_private, direct_low, direct_high, last_seq, created_at)"
                    + " VALUES ('direct', TRUE, 1, 2, 1, 1)");
            s.execute("INSERT INTO memberships VALUES (1, 1, 1), (2, 1, 1), (2, 2, 1)");
            s.execute("INSERT INTO messages (room_id, seq, user_id, content, html, created_at)"
                    + " VALUES (2, 1, 1, 'hi', '<p>hi</p>', 1)");
        }

        try (Database db = Database.open(url);
                Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT id || ' ' || kind FROM rooms ORDER BY id"))
                    .containsExactly("1 channel", "2 direct");
            assertThat(rows(s, "PRAGMA foreign_key_check")).isEmpty();
            assertThat(rows(s, "PRAGMA foreign_keys")).containsExactly("1");
            assertThatThrownBy(() -> s.execute("INSERT INTO memberships VALUES (99, 1, 1)"))
                    .hasMessageContaining("FOREIGN KEY");
            assertThatThrownBy(() ->
                            s.execute("INSERT INTO rooms (kind, is_private, created_at) VALUES ('group', TRUE, 1)"))
                    .hasMessageContaining("CHECK");
            s.execute(
                    "INSERT INTO rooms (kind, is_private, member_key, created_at) VALUES ('group', TRUE, '1,2,3', 1)");
            assertThat(rows(s, "SELECT MAX(id) FROM rooms")).containsExactly("3");
        }
    }

    /** The newest SQLite migration before {@code version}: other features number theirs below it too. */
    private static String newestBefore(int version) {
        try (var files = Files.list(Path.of("src/main/resources/db/migration/sqlite"))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .filter(v -> v < version)
                    .max()
                    .orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        var rows = new ArrayList<String>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) rows.add(rs.getString(1));
        }
        return rows;
    }

    @Test
    void theSqliteFileAndItsMissingDirectoriesAreCreated() {
        Path file = dir.resolve("data/nested/parley.db");

        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            assertThat(db.isPostgres()).isFalse();
        }

        assertThat(file).exists();
    }

    @Test
    void everySqliteConnectionUsesWalAndEnforcesForeignKeys() throws SQLException {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("parley.db"))) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Connection c = db.dataSource().getConnection();
                    held.add(c);
                    assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void reopeningAMigratedSqliteDatabaseKeepsItsData() {
        String url = "jdbc:sqlite:" + dir.resolve("parley.db");
        try (Database db = Database.open(url)) {
            db.stores().users().register("alice", "hash");
        }

        try (Database db = Database.open(url)) {
            assertThat(db.stores().users().findByUsername("alice")).isPresent();
        }
    }

    @Test
    void aSqliteFileThatIsNotADatabaseFailsWithAStoreException() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not a database, just some text that is long enough ".repeat(20));

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("garbage.db");
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
