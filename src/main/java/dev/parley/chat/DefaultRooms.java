package dev.parley.chat;

import dev.parley.chat.ChatEvent.MemberJoined;
import java.util.List;
import java.util.Optional;

/** The channels every newcomer is put in when they sign up, chosen by admins. */
public final class DefaultRooms {

    private final DefaultRoomStore store;
    private final RoomStore rooms;
    private final Admins admins;
    private final AuditLog audit;
    private final EventBus bus;

    public DefaultRooms(DefaultRoomStore store, RoomStore rooms, UserStore users, AuditLog audit, EventBus bus) {
        this.store = store;
        this.rooms = rooms;
        this.admins = new Admins(users);
        this.audit = audit;
        this.bus = bus;
    }

    /** The default rooms, for an admin. */
    public List<Room> list(long viewerId) {
        admins.require(viewerId);
        return store.roomIds().stream()
                .map(rooms::find)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Marks a channel as a default room or no longer one. Direct conversations cannot be. */
    public Room mark(long adminId, long roomId, boolean isDefault) {
        Account admin = admins.require(adminId);
        Room room = rooms.find(roomId).filter(r -> !r.isDirect()).orElseThrow(() -> ChatException.notFound("room"));
        if (store.mark(roomId, isDefault)) {
            audit.record(admin, isDefault ? "room.default" : "room.not-default", "#" + room.name());
        }
        return room;
    }

    /** Puts a newcomer in every default room; their room-mates see them join. */
    void enter(Account newcomer) {
        for (long roomId : store.roomIds()) {
            if (rooms.addMember(roomId, newcomer.id())) bus.publish(new MemberJoined(roomId, newcomer.ref()));
        }
    }
}
