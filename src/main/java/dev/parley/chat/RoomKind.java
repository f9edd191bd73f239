package dev.parley.chat;

/** A channel has a name and many members; a direct room belongs to exactly two people. */
public enum RoomKind {
    CHANNEL,
    DIRECT
}
