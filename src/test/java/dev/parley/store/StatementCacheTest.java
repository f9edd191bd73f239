package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class StatementCacheTest {

    private static final String BY_N = "SELECT n * 10 FROM t WHERE n = ?";

    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        var sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        connection = StatementCache.over(sqlite).getConnection();
        try (var s = connection.createStatement()) {
            s.execute("CREATE TABLE t (n INTEGER NOT NULL)");
            s.execute("INSERT INTO t (n) VALUES (1), (2), (3)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static PreparedStatement real(PreparedStatement handle) throws SQLException {
        return handle.unwrap(PreparedStatement.class);
    }

    @Test
    void aStatementClosedAndAskedForAgainIsTheSameOneWithFreshParameters() throws SQLException {
        PreparedStatement first = connection.prepareStatement(BY_N);
        PreparedStatement kept = real(first);
        assertThat(Jdbc.one(connection, BY_N, rs -> rs.getLong(1), 2L)).contains(20L);
        first.close();

        assertThat(first.isClosed()).isTrue();
        assertThat(kept.isClosed()).as("kept for the next use").isFalse();
        assertThat(Jdbc.one(connection, BY_N, rs -> rs.getLong(1), 3L)).contains(30L);
        try (PreparedStatement again = connection.prepareStatement(BY_N)) {
            assertThat(real(again)).isSameAs(kept);
        }
    }

    @Test
    void theSameQueryAskedForWhileItsStatementIsOpenGetsItsOwnWhichIsClosedForReal() throws SQLException {
        try (PreparedStatement outer = connection.prepareStatement(BY_N)) {
            PreparedStatement inner = connection.prepareStatement(BY_N);
            assertThat(real(inner)).isNotSameAs(real(outer));
            inner.close();
            assertThat(real(inner).isClosed()).isTrue();
            assertThat(real(outer).isClosed()).isFalse();
        }
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedBeyondTheLimit() throws SQLException {
        PreparedStatement oldest;
        try (PreparedStatement ps = connection.prepareStatement("SELECT 0")) {
            oldest = real(ps);
        }
        for (int i = 1; i <= StatementCache.PER_CONNECTION; i++) {
            connection.prepareStatement("SELECT " + i).close();
        }

        assertThat(oldest.isClosed()).isTrue();
        assertThat(Jdbc.one(connection, "SELECT 0", rs -> rs.getInt(1))).contains(0);
    }

    @Test
    void closingTheConnectionClosesWhatItKept() throws SQLException {
        PreparedStatement kept;
        try (PreparedStatement ps = connection.prepareStatement(BY_N)) {
            kept = real(ps);
        }

        connection.close();

        assertThat(kept.isClosed()).isTrue();
    }
}
