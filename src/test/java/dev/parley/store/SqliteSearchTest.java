package dev.parley.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSearchTest extends SearchContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected Stores emptyStores() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("parley.db"));
        return db.stores();
    }

    @Override
    protected void execute(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            run(c, sql, args);
        }
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
