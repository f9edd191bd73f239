package dev.parley.cluster;

import dev.parley.chat.PresenceState;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Presence of a single instance, in memory: per user, each connection's lease deadline. */
public final class LocalPresenceState implements PresenceState {

    private final Map<Long, Map<String, Instant>> leases = new HashMap<>();

    private final Clock clock;

    /** On the system's clock. */
    public LocalPresenceState() {
        this(Clock.systemUTC());
    }

    /** On the instance's clock, which tests move by hand. */
    public LocalPresenceState(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized boolean connect(long userId, String connectionId, Instant until) {
        var mine = leases.computeIfAbsent(userId, id -> new HashMap<>());
        boolean first = mine.isEmpty();
        mine.put(connectionId, until);
        return first;
    }

    @Override
    public synchronized Set<Long> renew(Map<String, Long> connections, Instant until) {
        var cameOnline = new HashSet<Long>();
        connections.forEach((connectionId, userId) -> {
            if (connect(userId, connectionId, until)) cameOnline.add(userId);
        });
        return cameOnline;
    }

    @Override
    public synchronized boolean isOnline(long userId) {
        return leases.containsKey(userId);
    }

    @Override
    public synchronized Set<Long> online(Collection<Long> userIds) {
        return userIds.stream().filter(leases::containsKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized Set<Long> expire(Instant now) {
        var offline = new HashSet<Long>();
        leases.forEach((userId, mine) -> {
            mine.values().removeIf(until -> !until.isAfter(now));
            if (mine.isEmpty()) offline.add(userId);
        });
        offline.forEach(leases::remove);
        return offline;
    }
}
