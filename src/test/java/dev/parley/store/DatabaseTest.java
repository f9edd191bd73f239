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
