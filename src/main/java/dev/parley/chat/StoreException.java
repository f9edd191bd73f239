package dev.parley.chat;

/** The database failed in a way the caller cannot fix (connection lost, disk full, bug in SQL). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
