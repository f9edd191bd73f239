package dev.parley.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of a viewer's room list: the room, whether the viewer is in it, how many messages by
 * others lie past their read watermark, for a direct room who is on the other side, and for a
 * group the other people in it.
 */
public record RoomListing(Room room, boolean member, long unread, UserRef directPeer, List<UserRef> groupPeers) {

    public RoomListing(Room room, boolean member, long unread, UserRef directPeer) {
        this(room, member, unread, directPeer, List.of());
    }

    public String displayName() {
        if (room.isGroup()) return groupPeers.stream().map(UserRef::shownName).collect(Collectors.joining(", "));
        return room.isDirect() && directPeer != null ? directPeer.shownName() : room.name();
    }
}
