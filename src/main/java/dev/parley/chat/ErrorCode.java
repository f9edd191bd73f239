package dev.parley.chat;

/** The error codes of the public contract, each with the HTTP status that carries it. */
public enum ErrorCode {
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_MEMBER(403),
    NOT_FOUND(404),
    CONFLICT(409),
    INVALID_PAYLOAD(400),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    /**
     * Something the instance relies on failed (Redis between instances, or the database); the
     * request may be retried. A send gets {@link #RETRY} instead, unless it failed before it was
     * attempted (checking the session or the membership).
     */
    UNAVAILABLE(503),
    /**
     * The database failed while storing this, so whether it was stored is not known: send it
     * again with the same {@code clientId}, which answers with the original if it was.
     */
    RETRY(503);

    public final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as it appears on the wire: {@code not_member}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
