package dev.parley.chat;

/**
 * One message a search found, with the room it is in as the searcher sees it, and a piece of its
 * text around the first match: HTML, with the text escaped and matched words in {@code <mark>}.
 */
public record SearchHit(Message message, RoomListing room, String snippet) {}
