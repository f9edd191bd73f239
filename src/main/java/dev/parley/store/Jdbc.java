package dev.parley.store;

import dev.parley.chat.DuplicateException;
import dev.parley.chat.StoreException;
import dev.parley.util.Redaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Just enough JDBC to keep the stores short: transactions, parameter binding, row mapping. */
final class Jdbc implements Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final boolean postgres;
    private final WriteHealth health;

    Jdbc(DataSource dataSource, boolean postgres) {
        this(dataSource, postgres, new WriteHealth(System::nanoTime));
    }

    /** Transactions report to {@code health} whether they committed. */
    Jdbc(DataSource dataSource, boolean postgres, WriteHealth health) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.health = health;
    }

    boolean isPostgres() {
        return postgres;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    @Override
    public <T> T tx(Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            NothingWritten failure = NothingWritten.noConnection(e);
            health.failed(failure);
            throw failure;
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                health.succeeded();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            RuntimeException failure = translate(e);
            health.failed(failure);
            throw failure;
        }
    }

    /** {@link #tx}, run on the calling thread: the future it returns is already complete. */
    @Override
    public <T> CompletableFuture<T> txAsync(Work<T> work) {
        try {
            return CompletableFuture.completedFuture(tx(work));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: each statement is its own transaction.
     * Work that fails because its connection was lost (a restarted or failed-over server, a
     * terminated backend) runs once more on a fresh one: what runs here reads, or writes one
     * idempotent statement that either happened or did not, so the data ends the same.
     */
    <T> T run(Work<T> work) {
        try {
            return runOnce(work);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException s) || !isLostConnection(s)) throw e;
            return runOnce(work);
        }
    }

    private <T> T runOnce(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** PostgreSQL's connection-exception class, and a backend terminated by an administrator or a shutdown. */
    private static boolean isLostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        return run(c -> list(c, sql, row, args));
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        return run(c -> one(c, sql, row, args));
    }

    int update(String sql, Object... args) {
        return run(c -> update(c, sql, args));
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                // Instants are stored as epoch milliseconds: portable, sortable, exact on both databases.
                Object a = args[i] instanceof Instant t ? (Object) t.toEpochMilli() : args[i];
                ps.setObject(i + 1, a);
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    static RuntimeException translate(SQLException e) {
        if (isUniqueViolation(e)) {
            return new DuplicateException(Redaction.firstLine(e.getMessage()));
        }
        return new StoreException("database error: " + Redaction.firstLine(e.getMessage()), e);
    }

    private static boolean isUniqueViolation(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return true;
        }
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return false;
    }

    /**
     * Undoes the open transaction, if the connection still has one. When that fails too, the
     * connection is in a state nobody knows; the pool discards it ({@link BrokenSqliteConnections};
     * on PostgreSQL, because the failure was a lost connection).
     */
    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
