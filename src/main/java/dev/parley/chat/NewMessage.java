package dev.parley.chat;

import java.util.List;

/**
 * A message about to be stored: validated, rendered, not yet numbered; {@code replyTo} is the
 * message it answers, or null; {@code fileIds} are uploads it attaches, in order.
 */
public record NewMessage(
        long roomId, long userId, String content, String html, String clientId, Long replyTo, List<String> fileIds) {

    public NewMessage {
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }

    public NewMessage(long roomId, long userId, String content, String html, String clientId, Long replyTo) {
        this(roomId, userId, content, html, clientId, replyTo, List.of());
    }

    public NewMessage(long roomId, long userId, String content, String html, String clientId) {
        this(roomId, userId, content, html, clientId, null, List.of());
    }
}
