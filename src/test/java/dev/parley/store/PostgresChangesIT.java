package dev.parley.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The changes contract against a real PostgreSQL, in a throwaway database (as {@link PostgresStoreIT}). */
class PostgresChangesIT extends ChangesContract {

    static final String NAME =
            "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static Database db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        admin("CREATE DATABASE " + NAME);
        db = Database.open(PostgresStoreIT.BASE + NAME + "?user=" + PostgresStoreIT.USER);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (db != null) db.close();
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    @Override
    protected Stores emptyStores() {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "TRUNCATE reactions, message_changes, read_marks, messages, memberships, rooms, users RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db.stores();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresStoreIT.BASE + "test", PostgresStoreIT.USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
