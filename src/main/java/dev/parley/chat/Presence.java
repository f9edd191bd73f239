package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.PresenceChanged.Change;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.PresenceStore.Stored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online, away or busy, across every tab and device: a user is online while any of their
 * connections is, and goes offline {@link Timings#GRACE} after the last one closes, or when its
 * lease lapses (a crashed instance, a vanished laptop). {@link #heartbeat} and {@link #expire}
 * are driven by the {@link DomainClock}. Lease deadlines count on the shared state's clock
 * ({@link PresenceState#now()}); the instance's own clock only decides whom it renews and
 * stamps last-seen times.
 */
public final class Presence {

    /** Lease, heartbeat, sleep and grace: see {@link Timings}, which states how they relate. */
    static final Duration LEASE = Timings.LEASE;

    static final Duration HEARTBEAT = Timings.HEARTBEAT;
    static final Duration ASLEEP_AFTER = Timings.ASLEEP_AFTER;
    static final Duration GRACE = Timings.GRACE;
    public static final Set<String> STATUSES = Set.of("online", "away", "busy");
    static final int MAX_TEXT = 80;

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final PresenceState state;
    private final PresenceStore store;
    private final RoomStore rooms;
    private final UserStore users;
    private final EventBus bus;
    private final Clock clock;
    private final Object[] locks = new Object[64];
    /** This instance's open connections, by id. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private volatile Instant lastBeat = Instant.MIN;
    /** The heartbeat runs on its own thread and before each expiry: one at a time. */
    private final Object beat = new Object();
    /**
     * Users whose last lease this instance dropped but whose offline is not published yet (the
     * database failed): the shared state reports a lapse only once, so the news lives here until
     * it is out.
     */
    private final Set<Long> goingOffline = ConcurrentHashMap.newKeySet();

    private static final class Held {
        final Principal user;
        volatile Instant heard;
        volatile Instant renewed;

        Held(Principal user, Instant now) {
            this.user = user;
            this.heard = now;
            this.renewed = now;
        }
    }

    public Presence(
            PresenceState state, PresenceStore store, RoomStore rooms, UserStore users, EventBus bus, Clock clock) {
        this.state = state;
        this.store = store;
        this.rooms = rooms;
        this.users = users;
        this.bus = bus;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** A connection opened: the user is online, and announced so when it is their first. */
    public void connected(Principal user, String connectionId) {
        Instant now = clock.instant();
        held.put(connectionId, new Held(user, now));
        lease(user, connectionId, now);
    }

    /**
     * A sign of life (a pong, a frame). The heartbeat renews the lease; a connection whose lease
     * lapsed while it slept is renewed at once, so its user is back online with it.
     */
    public void alive(String connectionId) {
        Held h = held.get(connectionId);
        if (h == null) return;
        Instant now = clock.instant();
        h.heard = now;
        if (!now.isBefore(h.renewed.plus(HEARTBEAT))) lease(h.user, connectionId, now);
    }

    /**
     * A connection closed. Its lease is cut to {@link #GRACE} rather than dropped: a page moving to
     * another room closes its socket just before the next page opens one, and room-mates should
     * not see a flicker of offline each time. The user goes offline when the grace lapses.
     */
    public void disconnected(Principal user, String connectionId) {
        held.remove(connectionId);
        synchronized (lockOf(user.userId())) {
            try {
                state.connect(user.userId(), connectionId, state.now().plus(GRACE));
            } catch (ClusterUnavailable e) {
                log.debug("presence unavailable; the lease of {} lapses on its own", connectionId);
            }
        }
    }

    /** Renews, every {@link #HEARTBEAT}, the leases of this instance's connections that showed life lately; called by the {@link DomainClock}. */
    public void heartbeat() {
        synchronized (beat) {
            beat();
        }
    }

    private void beat() {
        Instant now = clock.instant();
        if (now.isBefore(lastBeat.plus(HEARTBEAT))) return;
        lastBeat = now;
        var alive = new HashMap<String, Long>();
        var who = new HashMap<Long, Principal>();
        held.forEach((id, h) -> {
            if (now.isBefore(h.heard.plus(ASLEEP_AFTER))) {
                alive.put(id, h.user.userId());
                who.put(h.user.userId(), h.user);
                h.renewed = now;
            }
        });
        if (alive.isEmpty()) return;
        try {
            // Users the shared state forgot (a restarted Redis) come back online here.
            for (long userId : state.renew(alive, state.now().plus(LEASE))) announceOnline(who.get(userId));
            // A connection that closed while it was being renewed gets its grace back, not a full lease.
            alive.forEach((id, userId) -> {
                if (!held.containsKey(id)) disconnected(who.get(userId), id);
            });
        } catch (ClusterUnavailable e) {
            log.debug("presence unavailable; renewing at the next heartbeat");
            lastBeat = Instant.MIN;
        }
    }

    private void lease(Principal user, String connectionId, Instant now) {
        Held h = held.get(connectionId);
        if (h != null) h.renewed = now;
        synchronized (lockOf(user.userId())) {
            try {
                if (state.connect(user.userId(), connectionId, state.now().plus(LEASE))) publishOnline(user);
            } catch (ClusterUnavailable e) {
                log.debug("presence unavailable; {} is announced at the next heartbeat", connectionId);
            }
        }
    }

    private void announceOnline(Principal user) {
        synchronized (lockOf(user.userId())) {
            publishOnline(user);
        }
    }

    private void publishOnline(Principal user) {
        bus.publish(new PresenceChanged(UserRef.of(user), Change.ONLINE, status(user.userId())));
    }

    public void update(Principal user, String status, String text) {
        if (status == null || !STATUSES.contains(status))
            throw ChatException.invalid("status", "status must be online, away or busy.");
        String clean = text == null || text.isBlank() ? null : TextRules.label(text.strip(), "text");
        if (clean != null && (clean.length() > MAX_TEXT || clean.codePoints().anyMatch(Character::isISOControl))) {
            throw ChatException.invalid("text", "text: up to " + MAX_TEXT + " characters, no control characters.");
        }
        store.setStatus(user.userId(), status, clean);
        bus.publish(new PresenceChanged(UserRef.of(user), Change.UPDATED, status(user.userId())));
    }

    /**
     * Takes offline the users whose every lease lapsed; called by the {@link DomainClock}. An
     * offline that cannot be published (the database failed while reading the user or writing
     * their last-seen time) is tried again at the next call, so it is late, never lost.
     */
    public void expire() {
        // Our own leases first, when a beat is due: one must not lapse only because the heartbeat's
        // thread has not run yet (it keeps beating on its own while this one waits on the database).
        heartbeat();
        try {
            goingOffline.addAll(state.expire(state.now()));
        } catch (ClusterUnavailable e) {
            // Those already pending are still told below.
        }
        for (long userId : List.copyOf(goingOffline)) {
            synchronized (lockOf(userId)) {
                try {
                    // A connection may have come back since the expiry; it was announced online.
                    if (online(List.of(userId)).isEmpty())
                        users.findById(userId).ifPresent(a -> wentOffline(a.ref()));
                    goingOffline.remove(userId);
                } catch (StoreException e) {
                    log.warn("offline of user {} not published yet, retrying: {}", userId, e.getMessage());
                }
            }
        }
    }

    public Status status(long userId) {
        return status(store.find(userId), online(List.of(userId)).contains(userId));
    }

    /** Those of the users who are online; nobody, while the shared state cannot be reached. */
    private Set<Long> online(java.util.Collection<Long> userIds) {
        try {
            return state.online(userIds);
        } catch (ClusterUnavailable e) {
            return Set.of();
        }
    }

    private static Status status(Stored stored, boolean online) {
        return new Status(stored.status(), stored.text(), online, online ? null : stored.lastSeen());
    }

    /**
     * One user's transitions happen one at a time, so that a quick reconnect cannot overtake the
     * offline it follows. Striped: users never wait for strangers, and memory stays fixed.
     */
    private Object lockOf(long userId) {
        return locks[(int) Math.floorMod(userId, (long) locks.length)];
    }

    /** The presence of each of the users, for a page to show. */
    public java.util.Map<Long, Status> statuses(java.util.Collection<Long> userIds) {
        Set<Long> online = online(userIds);
        var result = new java.util.HashMap<Long, Status>();
        store.findAll(userIds).forEach((id, s) -> result.put(id, status(s, online.contains(id))));
        return result;
    }

    /** The people who share a room with the user and are online now, with their status. */
    public List<OnlineUser> onlineRoomMates(long userId) {
        List<UserRef> mates = rooms.roomMates(userId);
        Set<Long> online = online(mates.stream().map(UserRef::id).toList());
        var stored = store.findAll(online);
        return mates.stream()
                .filter(u -> online.contains(u.id()))
                .map(u -> new OnlineUser(u, status(stored.get(u.id()), true)))
                .toList();
    }

    public record OnlineUser(UserRef user, Status status) {}

    private void wentOffline(UserRef user) {
        store.setLastSeen(user.id(), clock.instant());
        bus.publish(new PresenceChanged(user, Change.OFFLINE, status(user.id())));
    }
}
