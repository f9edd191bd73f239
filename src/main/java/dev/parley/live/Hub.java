package dev.parley.live;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MemberJoined;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.ChatEvent.MessageChanged;
import dev.parley.chat.ChatEvent.MessagePosted;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.ReadMarked;
import dev.parley.chat.ChatEvent.SessionEnded;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.chat.ChatEvent.UserSessionsEnded;
import dev.parley.chat.EventBus;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.Rooms;
import dev.parley.chat.Typing;
import dev.parley.chat.UserRef;
import dev.parley.render.Templates;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live side of one instance: its open connections, which rooms each follows, and the fan-out
 * of every event from the bus to them. An event is rendered once ({@link Frames}) and the same
 * text is queued on each recipient; no recipient costs a database read.
 *
 * <p>Threads: events reach {@link #on} as {@link EventBus} says, on the publisher's thread for
 * this instance's own events (so a send's ack, completed after its publish, is queued behind its
 * own event), and on the bus's thread for other instances'. There it renders once and queues,
 * and reads the store only to fill a gap. {@link #tick} runs on the live clock's thread and
 * {@link #healTails} on the tail heal's; the socket writer does all writing.
 */
public final class Hub implements AutoCloseable {

    static final int MAX_REPLAY = 1000;
    /**
     * At most this much text per sync, all rooms together, and never more than the outbound queue
     * has room for: a replay counts against the socket's bound like everything else, so a long
     * absence is filled from history over HTTP instead.
     */
    static final long REPLAY_BUDGET_BYTES = Outbox.MAX_QUEUED_BYTES / 2;

    private final Rooms rooms;
    private final Messages messages;
    private final Typing typing;
    private final Presence presence;
    private final Renderer renderer;
    private final Map<Long, RoomChannel> channels = new ConcurrentHashMap<>();
    private final Map<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final EventBus.Subscription subscription;
    private final TokenExpiry expiry;
    private final LiveMeters meters;

    public Hub(
            Rooms rooms,
            Messages messages,
            Typing typing,
            Presence presence,
            EventBus bus,
            Templates templates,
            TokenExpiry expiry) {
        this(rooms, messages, typing, presence, bus, templates, expiry, LiveMeters.none());
    }

    Hub(
            Rooms rooms,
            Messages messages,
            Typing typing,
            Presence presence,
            EventBus bus,
            Templates templates,
            TokenExpiry expiry,
            LiveMeters meters) {
        this.meters = meters;
        this.rooms = rooms;
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.renderer = new Renderer(templates);
        this.expiry = expiry;
        this.subscription = bus.subscribe(this::on);
    }

    /** Registers a new connection: it follows all the user's rooms, and the user counts as online. */
    void open(Connection c) {
        connections.add(c);
        meters.opened(c);
        byUser.computeIfAbsent(c.principal.userId(), id -> ConcurrentHashMap.newKeySet())
                .add(c);
        for (long roomId : rooms.roomIdsOf(c.principal.userId()))
            channel(roomId).follow(c);
        // A page reading a public room before joining it watches that room live too.
        if (c.viewing != 0 && !c.follows(c.viewing) && rooms.isVisible(c.principal, c.viewing))
            channel(c.viewing).follow(c);
        if (c.format == Format.JSON) {
            c.send(renderer.onlineUsers(presence.onlineRoomMates(c.principal.userId())));
        } else {
            List<UserRef> everyone = rooms.roomMates(c.principal.userId());
            String dots = renderer.presenceOfAll(
                    everyone,
                    presence.statuses(everyone.stream().map(UserRef::id).toList()));
            if (dots != null) c.send(dots);
        }
        presence.connected(c.principal, c.id);
    }

    void close(Connection c, int code) {
        if (!connections.remove(c)) return;
        meters.closed(c, code);
        byUser.computeIfPresent(c.principal.userId(), (id, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
        for (long roomId : c.followed()) {
            RoomChannel channel = channels.get(roomId);
            if (channel != null) channel.unfollow(c);
        }
        for (long roomId : c.typingIn) typing.stopped(c.principal, roomId);
        presence.disconnected(c.principal, c.id);
    }

    /** Makes a connection follow a room its user is a member of (no-op when it already does). */
    void follow(Connection c, long roomId) {
        if (connections.contains(c)) channel(roomId).follow(c);
    }

    /** Replays, per room, what came after the client's last seq, then resumes the connection live. */
    Wire.Synced sync(Connection c, Map<Long, Long> cursors) {
        int replayed = 0;
        boolean gap = false;
        if (c.replayRoom() < Outbox.MAX_QUEUED_BYTES / 4) {
            // Most of what was sent before, replies and replays alike, is still unread: a client that
            // asks again without reading would pin replay after replay in memory.
            c.dropSlow();
            return new Wire.Synced(0, true);
        }
        long budget = Math.min(REPLAY_BUDGET_BYTES, c.replayRoom());
        for (var cursor : cursors.entrySet()) {
            long roomId = cursor.getKey();
            if (!c.follows(roomId)) {
                rooms.joined(c.principal, roomId);
                follow(c, roomId);
            }
            RoomChannel channel = channel(roomId);
            // A claim beyond the room's newest message is a confused client: it would skip what comes next.
            long claimed = Math.min(cursor.getValue(), messages.lastSeq(roomId));
            RoomChannel.Replay replay = channel.replay(c, claimed, MAX_REPLAY, Math.max(budget, 0));
            budget -= replay.bytes();
            replayed += replay.replayed();
            gap |= replay.gap();
        }
        c.goLive();
        meters.syncs.increment();
        meters.replayed.increment(replayed);
        return new Wire.Synced(replayed, gap);
    }

    private RoomChannel channel(long roomId) {
        return channels.computeIfAbsent(
                roomId,
                id -> new RoomChannel(id, messages.lastSeq(id), messages::entriesAfter, renderer::entry, meters));
    }

    private void on(ChatEvent event) {
        if (event instanceof MessagePosted e) {
            RoomChannel channel = channels.get(e.roomId());
            if (channel != null) channel.deliver(e.message(), e.acceptedAtMicros());
        } else if (event instanceof MessageChanged e) {
            RoomChannel channel = channels.get(e.roomId());
            if (channel != null) channel.deliver(e.change());
        } else if (event instanceof MemberJoined e) {
            Frames frames = renderer.joined(e, presence.status(e.user().id()));
            for (Connection c : connectionsOf(e.user().id())) follow(c, e.roomId());
            broadcast(e.roomId(), frames);
        } else if (event instanceof MemberLeft e) {
            RoomChannel channel = channels.get(e.roomId());
            if (channel == null) return;
            channel.broadcast(renderer.left(e));
            for (Connection c : connectionsOf(e.user().id())) channel.unfollow(c);
        } else if (event instanceof TypingChanged e) {
            // Nobody is told about their own typing; a page hides its own name itself, as the fragment is shared.
            RoomChannel channel = channels.get(e.roomId());
            if (channel != null) {
                channel.broadcast(
                        renderer.typing(e),
                        c -> c.format == Format.JSON
                                && c.principal.userId() == e.user().id());
            }
        } else if (event instanceof ReadMarked e) {
            broadcast(e.roomId(), renderer.read(e));
        } else if (event instanceof PresenceChanged e) {
            Set<Connection> recipients =
                    new LinkedHashSet<>(connectionsOf(e.user().id()));
            for (long roomId : rooms.roomIdsOf(e.user().id())) {
                RoomChannel channel = channels.get(roomId);
                if (channel != null) recipients.addAll(channel.followers());
            }
            Frames frames = renderer.presence(e);
            for (Connection c : recipients) c.send(frames);
        } else if (event instanceof SessionEnded e) {
            signOut(c -> e.ends(c.principal.userId(), c.principal.sessionId()));
        } else if (event instanceof UserSessionsEnded e) {
            signOut(c -> e.ends(c.principal.userId(), c.principal.sessionId()));
        }
    }

    private void signOut(java.util.function.Predicate<Connection> ended) {
        for (Connection c : connections) {
            if (ended.test(c)) c.close(CloseCodes.VIOLATED_POLICY, "signed out");
        }
    }

    private void broadcast(long roomId, Frames frames) {
        RoomChannel channel = channels.get(roomId);
        if (channel != null) channel.broadcast(frames);
    }

    private Set<Connection> connectionsOf(long userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    /**
     * The transport's periodic work, at {@code now} ({@link System#nanoTime()}): release held
     * connections, cut off silent or stuck ones, and ping. Touches neither the database nor Redis,
     * so that no stall there delays a ping or a hold.
     */
    void tick(long now, boolean ping) {
        if (ping) meters.forgetOldCloses(now);
        for (Connection c : connections) {
            if (!c.isLive() && now - c.openedAt > Timings.HOLD.toNanos()) c.goLive();
            // Off this thread: a socket's end may run its close handler (presence, typing: Redis) on the caller.
            if (c.closingLongerThan(now, Timings.CLOSE_WAIT.toNanos())) {
                CompletableFuture.runAsync(c::abort);
            } else if (now - c.lastHeard() > Timings.UNANSWERED.toNanos()) {
                // Pings keep the socket busy, so the idle timeout never fires for a peer that vanished.
                CompletableFuture.runAsync(() -> c.close(CloseCodes.TRY_AGAIN_LATER, "no answer to pings"));
            } else if (ping) {
                c.ping();
            }
            expiry.check(c);
        }
    }

    /**
     * Delivers what was committed but never reached this hub: lost by the bus on the way from
     * another instance (Redis down, paused, or a resubscribe), or never published because the
     * database reported a failure for a commit that had in fact happened. A gap behind a newer
     * message heals on its own, but loss at a room's tail shows only here, by comparing each
     * followed room's newest seq with what was delivered: one read for all of them.
     */
    void healTails() {
        var followed =
                channels.values().stream().filter(RoomChannel::hasFollowers).toList();
        if (followed.isEmpty()) return;
        Map<Long, Long> newest =
                messages.lastSeqs(followed.stream().map(ch -> ch.roomId).toList());
        for (RoomChannel channel : followed) channel.catchUp(newest.getOrDefault(channel.roomId, 0L));
    }

    void alive(Connection c) {
        c.heard();
        presence.alive(c.id);
    }

    int socketsOf(long userId) {
        return connectionsOf(userId).size();
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Closes every socket with 1012 (service restart), which browsers retry, so they come back to an instance that is up. */
    public void closeAll(CloseCode code, String reason) {
        for (Connection c : connections) c.close(code, reason);
    }

    /** Leaves the bus and closes every socket with 1012. */
    @Override
    public void close() {
        subscription.close();
        closeAll(CloseCodes.SERVICE_RESTART, "restarting");
    }
}
