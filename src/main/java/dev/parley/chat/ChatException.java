package dev.parley.chat;

/**
 * A request the server refuses, with a code from the public contract and a message fit to show a
 * person. {@code field} names the input at fault, when there is one, so pages can show the error
 * beside it.
 */
public class ChatException extends RuntimeException {

    public final ErrorCode code;
    public final String field;

    public ChatException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public ChatException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static ChatException invalid(String field, String message) {
        return new ChatException(ErrorCode.INVALID_PAYLOAD, field, message);
    }

    public static ChatException notFound(String what) {
        return new ChatException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
