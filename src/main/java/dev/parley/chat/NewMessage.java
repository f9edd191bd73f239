package dev.parley.chat;

/** A message about to be stored: validated, rendered, not yet numbered. */
public record NewMessage(long roomId, long userId, String content, String html, String clientId) {}
