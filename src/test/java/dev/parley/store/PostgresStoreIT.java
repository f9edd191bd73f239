package dev.parley.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against a real PostgreSQL: a throwaway database created through {@code test}
 * on the server named by {@code PARLEY_TEST_PG} (default {@code jdbc:postgresql://127.0.0.1:5432/}, user postgres).
 */
class PostgresStoreIT extends StoreContract {

    static final String BASE = System.getenv().getOrDefault("PARLEY_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");
    static final String NAME =
            "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static Database db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        admin("CREATE DATABASE " + NAME);
        db = Database.open(BASE + NAME + "?user=" + USER);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    @Override
    protected Stores emptyStores() {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "TRUNCATE files, file_blobs, reactions, message_changes, bot_tokens, webhooks, audit_log, invites, default_rooms, settings, refresh_tokens, sessions, read_marks, presence, messages, memberships, rooms, users RESTART IDENTITY");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db.stores();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE + "test", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
