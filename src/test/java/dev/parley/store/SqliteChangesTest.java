package dev.parley.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteChangesTest extends ChangesContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected Stores emptyStores() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("parley.db"));
        return db.stores();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
