package dev.parley.chat;

import java.time.Instant;

/**
 * A room. {@code lastSeq} is the sequence number of its newest message (0 when empty); every
 * message of a room has a distinct, gapless {@code seq} starting at 1.
 * Direct rooms and groups have no name of their own: they are shown by the other people's names.
 */
public record Room(
        long id, String name, boolean isPrivate, RoomKind kind, Long ownerId, long lastSeq, Instant createdAt) {

    /** A direct conversation, of two people or a group: fixed members, no name, private. */
    public boolean isDirect() {
        return kind != RoomKind.CHANNEL;
    }

    public boolean isGroup() {
        return kind == RoomKind.GROUP;
    }
}
