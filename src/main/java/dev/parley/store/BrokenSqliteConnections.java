package dev.parley.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Which failures leave a pooled connection in a state nobody can vouch for, so that the pool
 * closes it instead of lending it out again.
 *
 * <p>On SQLite, any failure but a refused constraint: the driver keeps its own idea of whether a
 * transaction is open, and a failed {@code BEGIN IMMEDIATE} (busy past the timeout) or a commit
 * that SQLite rolled back by itself (disk full, I/O error) leaves that idea wrong. Reused, such a
 * connection runs every statement in auto-commit mode, so a savepoint's release commits and the
 * following {@code commit()} fails: work stored, reported failed, for as long as the process
 * lives. A fresh SQLite connection costs a file open, so discarding is cheap. (PostgreSQL needs
 * none of this: the pool already discards lost connections and terminated backends, {@code 08xxx}
 * and {@code 57P0x}, and a rollback brings any other failed transaction back.)
 */
final class BrokenSqliteConnections implements SQLExceptionOverride {

    /** Off while Flyway migrates: it runs statements that may fail and handles that itself, on one connection. */
    private volatile boolean armed;

    void arm() {
        armed = true;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (!armed) return Override.CONTINUE_EVICT;
        return isRefusedConstraint(e) ? Override.DO_NOT_EVICT : Override.MUST_EVICT;
    }

    private static boolean isRefusedConstraint(SQLException e) {
        // The primary result code sits in the low byte of the extended one.
        return e instanceof SQLiteException s
                && s.getResultCode() != null
                && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }
}
