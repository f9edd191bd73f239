package dev.parley.store;

import dev.parley.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The search contract against a real PostgreSQL, in a throwaway database. */
class PostgresSearchIT extends SearchContract {

    static PostgresDatabase server;
    static Database db;

    @BeforeAll
    static void createDatabase() {
        server = PostgresDatabase.create();
        db = Database.open(server.url());
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (db != null) db.close();
        if (server != null) server.close();
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

    @Override
    protected void execute(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            run(c, sql, args);
        }
    }
}
