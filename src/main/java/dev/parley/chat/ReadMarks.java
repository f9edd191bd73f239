package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.store.ReadMarkStore;

/** How far each member has read each room; unread counts are derived from it. */
public final class ReadMarks {

    private final ReadMarkStore marks;
    private final Rooms rooms;

    public ReadMarks(ReadMarkStore marks, Rooms rooms) {
        this.marks = marks;
        this.rooms = rooms;
    }

    /**
     * Moves the reader's watermark up to {@code seq}, clamped to the room's newest message, and
     * returns where it now stands. A watermark never moves back.
     */
    public long markRead(Principal reader, long roomId, long seq) {
        if (seq < 0) throw ChatException.invalid("seq", "seq must not be negative.");
        Room room = rooms.joined(reader, roomId);
        long upTo = Math.min(seq, room.lastSeq());
        if (upTo > 0) marks.advance(reader.userId(), roomId, upTo);
        return marks.watermark(reader.userId(), roomId);
    }

    /** Marks everything in the room read, when the reader is a member; a visitor's reading is not tracked. */
    public void markAllRead(Principal reader, Room room) {
        if (room.lastSeq() > 0 && rooms.isMember(reader, room.id())) marks.advance(reader.userId(), room.id(), room.lastSeq());
    }
}
