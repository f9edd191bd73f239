package dev.parley.chat;

/**
 * What takes a place in a room's order: a message, or a change to one. Both draw from one
 * sequence per room, so delivery, healing and replay keep a single order for everything a room shows.
 */
public sealed interface RoomEntry permits Message, Change {
    long roomId();

    long seq();
}
