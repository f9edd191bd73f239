package dev.parley.chat;

/**
 * Shared state cannot be reached right now (Redis is down or not answering). Thrown fast, never
 * after a long wait, so that callers can degrade: an instance keeps serving its own clients.
 */
public final class ClusterUnavailable extends RuntimeException {

    public ClusterUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
