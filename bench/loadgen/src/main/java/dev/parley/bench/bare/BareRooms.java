package dev.parley.bench.bare;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare server's rooms: members and a sequence counter, created on first join. For the load
 * generator's self-check, {@code BARE_FAULT=duplicate} sends every delivery twice and
 * {@code BARE_FAULT=drop} drops every tenth delivery.
 */
public final class BareRooms {

    final boolean duplicate, drop;
    private final AtomicLong deliveries = new AtomicLong();

    public BareRooms(String fault) {
        duplicate = "duplicate".equals(fault);
        drop = "drop".equals(fault);
    }

    /** Whether the fault says to drop this delivery. */
    boolean dropNext() {
        return drop && deliveries.incrementAndGet() % 10 == 0;
    }

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
