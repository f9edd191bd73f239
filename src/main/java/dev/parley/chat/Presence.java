package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.PresenceChanged.Change;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.cluster.EventBus;
import dev.parley.cluster.PresenceState;
import dev.parley.store.PresenceStore;
import dev.parley.store.PresenceStore.Stored;
import dev.parley.store.RoomStore;
import dev.parley.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Online, away or busy, across every tab and device: a user is online while any of their
 * connections is, and goes offline {@link #GRACE} after the last one closes, or when its lease
 * lapses (a crashed instance, a vanished laptop).
 */
public final class Presence {

    /** How long a connection counts as alive without a sign of life (a pong, a frame). */
    public static final Duration LEASE = Duration.ofSeconds(45);
    /** How long a user whose last connection closed still counts as online. */
    public static final Duration GRACE = Duration.ofSeconds(3);
    public static final Set<String> STATUSES = Set.of("online", "away", "busy");
    static final int MAX_TEXT = 80;

    private final PresenceState state;
    private final PresenceStore store;
    private final RoomStore rooms;
    private final UserStore users;
    private final EventBus bus;
    private final Clock clock;
    private final Object[] locks = new Object[64];

    public Presence(PresenceState state, PresenceStore store, RoomStore rooms, UserStore users, EventBus bus, Clock clock) {
        this.state = state;
        this.store = store;
        this.rooms = rooms;
        this.users = users;
        this.bus = bus;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** A connection opened, or showed a sign of life (a pong, a frame): its lease starts over. */
    public void connected(Principal user, String connectionId) {
        synchronized (lockOf(user.userId())) {
            if (state.connect(user.userId(), connectionId, clock.instant().plus(LEASE))) {
                bus.publish(new PresenceChanged(user.ref(), Change.ONLINE, status(user.userId())));
            }
        }
    }

    public void alive(Principal user, String connectionId) {
        connected(user, connectionId);
    }

    /**
     * A connection closed. Its lease is cut to {@link #GRACE} rather than dropped: a page moving to
     * another room closes its socket just before the next page opens one, and room-mates should
     * not see a flicker of offline each time. The user goes offline when the grace lapses.
     */
    public void disconnected(Principal user, String connectionId) {
        synchronized (lockOf(user.userId())) {
            state.connect(user.userId(), connectionId, clock.instant().plus(GRACE));
        }
    }

    public void update(Principal user, String status, String text) {
        if (status == null || !STATUSES.contains(status)) throw ChatException.invalid("status", "status must be online, away or busy.");
        String clean = text == null || text.isBlank() ? null : text.strip();
        if (clean != null && (clean.length() > MAX_TEXT || clean.codePoints().anyMatch(Character::isISOControl))) {
            throw ChatException.invalid("text", "text: up to " + MAX_TEXT + " characters, no control characters.");
        }
        store.setStatus(user.userId(), status, clean);
        bus.publish(new PresenceChanged(user.ref(), Change.UPDATED, status(user.userId())));
    }

    /** Takes offline the users whose every lease lapsed; called by the instance's ticker. */
    public void expire() {
        for (long userId : state.expire(clock.instant())) {
            synchronized (lockOf(userId)) {
                // A connection may have come back between the expiry and this lock; it was announced online.
                if (!state.isOnline(userId)) users.findById(userId).ifPresent(a -> wentOffline(a.ref()));
            }
        }
    }

    public Status status(long userId) {
        return status(store.find(userId), state.isOnline(userId));
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
        Set<Long> online = state.online(userIds);
        var result = new java.util.HashMap<Long, Status>();
        store.findAll(userIds).forEach((id, s) -> result.put(id, status(s, online.contains(id))));
        return result;
    }

    /** The people who share a room with the user and are online now, with their status. */
    public List<OnlineUser> onlineRoomMates(long userId) {
        List<UserRef> mates = rooms.roomMates(userId);
        Set<Long> online = state.online(mates.stream().map(UserRef::id).toList());
        var stored = store.findAll(online);
        return mates.stream().filter(u -> online.contains(u.id()))
                .map(u -> new OnlineUser(u, status(stored.get(u.id()), true)))
                .toList();
    }

    public record OnlineUser(UserRef user, Status status) {}

    private void wentOffline(UserRef user) {
        store.setLastSeen(user.id(), clock.instant());
        bus.publish(new PresenceChanged(user, Change.OFFLINE, status(user.id())));
    }
}
