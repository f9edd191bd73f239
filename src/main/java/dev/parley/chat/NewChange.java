package dev.parley.chat;

/** A change about to be stored: checked and rendered, not yet numbered. */
public record NewChange(
        long roomId,
        long messageId,
        long userId,
        Change.Kind kind,
        String emoji,
        String content,
        String html,
        String clientId) {}
