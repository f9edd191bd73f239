package dev.parley.chat;

/**
 * One line of a viewer's room list: the room, whether the viewer is in it, how many messages by
 * others lie past their read watermark, and, for a direct room, who is on the other side.
 */
public record RoomListing(Room room, boolean member, long unread, UserRef directPeer) {

    public String displayName() {
        return room.isDirect() && directPeer != null ? directPeer.username() : room.name();
    }
}
