package dev.parley.bench.bare;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The bare server's rooms: members and a sequence counter, created on first join. */
public final class BareRooms {

    /** One room: the sockets in it and its message counter. */
    public static final class Room {
        final Set<BareSocket> members = ConcurrentHashMap.newKeySet();
        final AtomicLong seq = new AtomicLong();
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Room join(long roomId, BareSocket socket) {
        Room room = rooms.computeIfAbsent(roomId, id -> new Room());
        room.members.add(socket);
        return room;
    }

    Room find(long roomId) {
        return rooms.get(roomId);
    }

    void leaveAll(BareSocket socket) {
        rooms.values().forEach(r -> r.members.remove(socket));
    }

    long nextMessageId() {
        return ids.incrementAndGet();
    }
}
