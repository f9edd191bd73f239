package dev.parley.chat;

import java.util.List;

/**
 * An admin's export of everything: every room (private and direct ones too: the admin runs the
 * server and holds its database anyway) with its members and all its messages. Recorded in the
 * audit log before the first byte leaves.
 */
public final class Export {

    /** Receives the export one room at a time, so that it streams instead of filling memory. */
    public interface Sink {
        void room(Room room, List<UserRef> members, List<Message> messages);
    }

    static final int PAGE = 500;

    private final RoomStore rooms;
    private final MessageStore messages;
    private final Admins admins;
    private final AuditLog audit;

    public Export(RoomStore rooms, MessageStore messages, UserStore users, AuditLog audit) {
        this.rooms = rooms;
        this.messages = messages;
        this.admins = new Admins(users);
        this.audit = audit;
    }

    public void everything(long adminId, Sink sink) {
        Account admin = admins.require(adminId);
        List<Room> all = rooms.all();
        audit.record(admin, "export everything", all.size() + " rooms");
        for (Room room : all) {
            var history = new java.util.ArrayList<Message>();
            for (long after = 0; ; ) {
                List<Message> page = messages.after(room.id(), after, PAGE);
                if (page.isEmpty()) break;
                history.addAll(page);
                after = page.get(page.size() - 1).seq();
            }
            sink.room(room, rooms.members(room.id()), history);
        }
    }
}
