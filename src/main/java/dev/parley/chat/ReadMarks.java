package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.ReadMarked;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How far each member has read each room; unread counts and "Seen by" are derived from it. */
public final class ReadMarks {

    static final int MAX_IDS = 100;

    /** Where a reader's watermark stands in one room. */
    public record Mark(long roomId, long seq) {}

    private final ReadMarkStore marks;
    private final MessageStore messages;
    private final Rooms rooms;
    private final EventBus bus;

    public ReadMarks(ReadMarkStore marks, MessageStore messages, Rooms rooms, EventBus bus) {
        this.marks = marks;
        this.messages = messages;
        this.rooms = rooms;
        this.bus = bus;
    }

    /**
     * Moves the reader's watermark up to {@code seq}, clamped to the room's newest message, and
     * returns where it now stands. A watermark never moves back.
     */
    public long markRead(Principal reader, long roomId, long seq) {
        if (seq < 0) throw ChatException.invalid("seq", "seq must not be negative.");
        Room room = rooms.joined(reader, roomId);
        advance(reader, roomId, Math.min(seq, room.lastSeq()));
        return marks.watermark(reader.userId(), roomId);
    }

    /**
     * Marks read up to each of the given messages. Every message must exist and belong to a room
     * the reader is in; otherwise nothing is marked.
     */
    public List<Mark> markRead(Principal reader, List<Long> messageIds) {
        if (messageIds.isEmpty() || messageIds.size() > MAX_IDS) {
            throw ChatException.invalid("messageIds", "messageIds: between 1 and " + MAX_IDS + " ids.");
        }
        Map<Long, Long> upTo = new TreeMap<>();
        for (long id : messageIds) {
            Message m = messages.find(id).orElseThrow(() -> ChatException.notFound("message"));
            if (!rooms.isMember(reader, m.roomId())) {
                // A message of a private room the reader is not in does not exist for them: the same answer as a
                // missing one.
                if (!rooms.isVisible(reader, m.roomId())) throw ChatException.notFound("message");
                throw new ChatException(ErrorCode.NOT_MEMBER, "Join the room first.");
            }
            upTo.merge(m.roomId(), m.seq(), Math::max);
        }
        upTo.forEach((roomId, seq) -> advance(reader, roomId, seq));
        return upTo.keySet().stream()
                .map(roomId -> new Mark(roomId, marks.watermark(reader.userId(), roomId)))
                .toList();
    }

    /** Marks everything in the room read, when the reader is a member; a visitor's reading is not tracked. */
    public void markAllRead(Principal reader, Room room) {
        if (rooms.isMember(reader, room.id())) advance(reader, room.id(), room.lastSeq());
    }

    /** Every member's watermark in a room the viewer may see. */
    public Map<Long, Long> watermarks(Principal viewer, long roomId) {
        rooms.visible(viewer, roomId);
        return marks.watermarks(roomId);
    }

    private void advance(Principal reader, long roomId, long seq) {
        if (seq > 0 && marks.advance(reader.userId(), roomId, seq)) {
            bus.publish(new ReadMarked(roomId, UserRef.of(reader), seq));
        }
    }
}
