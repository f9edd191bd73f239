package dev.parley.cluster;

import dev.parley.chat.TypingState;
import dev.parley.chat.UserRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typing state of a single instance, in memory. */
public final class LocalTypingState implements TypingState {

    private record Typist(UserRef user, Instant until) {}

    private final Map<Long, LinkedHashMap<Long, Typist>> rooms = new HashMap<>();

    private final Clock clock;

    /** On the system's clock. */
    public LocalTypingState() {
        this(Clock.systemUTC());
    }

    /** On the instance's clock, which tests move by hand. */
    public LocalTypingState(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized boolean start(long roomId, UserRef user, Instant until) {
        var room = rooms.computeIfAbsent(roomId, id -> new LinkedHashMap<>());
        Typist before = room.get(user.id());
        if (before != null) {
            room.replace(user.id(), new Typist(user, until));
            return false;
        }
        room.put(user.id(), new Typist(user, until));
        return true;
    }

    @Override
    public synchronized boolean stop(long roomId, long userId) {
        var room = rooms.get(roomId);
        if (room == null || room.remove(userId) == null) return false;
        if (room.isEmpty()) rooms.remove(roomId);
        return true;
    }

    @Override
    public synchronized List<UserRef> typers(long roomId) {
        var room = rooms.get(roomId);
        return room == null
                ? List.of()
                : room.values().stream().map(Typist::user).toList();
    }

    @Override
    public synchronized List<Entry> expire(Instant now) {
        var expired = new ArrayList<Entry>();
        rooms.forEach((roomId, room) -> room.values().removeIf(t -> {
            boolean over = !t.until().isAfter(now);
            if (over) expired.add(new Entry(roomId, t.user()));
            return over;
        }));
        rooms.values().removeIf(Map::isEmpty);
        return expired;
    }
}
