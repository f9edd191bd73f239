package dev.parley.chat;

/** A message about to be stored: validated, rendered, not yet numbered; {@code replyTo} is the message it answers, or null. */
public record NewMessage(long roomId, long userId, String content, String html, String clientId, Long replyTo) {

    public NewMessage(long roomId, long userId, String content, String html, String clientId) {
        this(roomId, userId, content, html, clientId, null);
    }
}
