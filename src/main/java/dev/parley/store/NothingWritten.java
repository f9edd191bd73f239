package dev.parley.store;

import dev.parley.chat.StoreException;
import dev.parley.util.Redaction;

/**
 * A transaction that failed before it began: no connection could be had (the database refuses
 * connections, or the pool waited its timeout). Unlike other store failures, its outcome is
 * known: nothing was written.
 */
public final class NothingWritten extends StoreException {

    NothingWritten(String message, Throwable cause) {
        super(message, cause);
    }

    static NothingWritten noConnection(java.sql.SQLException e) {
        return new NothingWritten("no database connection: " + Redaction.firstLine(e.getMessage()), e);
    }
}
