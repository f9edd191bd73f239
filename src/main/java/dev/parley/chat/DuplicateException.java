package dev.parley.chat;

/** A unique constraint refused a write: the caller asked for something that already exists. */
public class DuplicateException extends RuntimeException {

    public DuplicateException(String message) {
        super(message);
    }
}
