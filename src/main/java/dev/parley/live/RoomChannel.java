package dev.parley.live;

import dev.parley.chat.RoomEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The connections of this instance that follow one room, and the room's delivery order.
 *
 * <p>Changes to messages (edits, deletes, reactions) take seqs in the same order as messages, so
 * everything here holds for them alike: "message" below means either.
 *
 * <p>The bus may deliver messages late, out of order (two posters racing) or not at all (Redis
 * pub/sub). The channel delivers each seq once and in order anyway: a message ahead of the next
 * expected seq first pulls the missing ones from the store, and a message already delivered is
 * dropped. Everything happens under the channel's lock, so subscribers, cursors and deliveries
 * never interleave.
 */
final class RoomChannel {

    /** Reads messages and changes after a seq from the store: the source of truth. */
    interface Store {
        List<RoomEntry> after(long roomId, long afterSeq, int limit);
    }

    final long roomId;
    private final Store store;
    private final Function<RoomEntry, Frames> render;
    private final LiveMeters meters;
    /** Followers in the order they came, for fast fan-out; the index finds one to remove. */
    private final List<Follower> followers = new ArrayList<>();

    private final Map<Connection, Follower> index = new HashMap<>();
    private long delivered;

    RoomChannel(long roomId, long lastSeq, Store store, Function<RoomEntry, Frames> render) {
        this(roomId, lastSeq, store, render, LiveMeters.none());
    }

    RoomChannel(long roomId, long lastSeq, Store store, Function<RoomEntry, Frames> render, LiveMeters meters) {
        this.meters = meters;
        this.roomId = roomId;
        this.delivered = lastSeq;
        this.store = store;
        this.render = render;
    }

    private record Follower(Connection connection, Connection.Cursor cursor) {}

    synchronized void follow(Connection connection) {
        if (index.containsKey(connection)) return;
        var follower = new Follower(connection, connection.follow(roomId, delivered));
        followers.add(follower);
        index.put(connection, follower);
    }

    synchronized void unfollow(Connection connection) {
        Follower gone = index.remove(connection);
        if (gone != null) followers.remove(gone);
        connection.unfollow(roomId);
    }

    synchronized List<Connection> followers() {
        return followers.stream().map(Follower::connection).toList();
    }

    /** Delivers a posted message or a change, and any it skipped over, to every follower. */
    synchronized void deliver(RoomEntry message) {
        deliver(message, 0);
    }

    /** {@link #deliver(RoomEntry)}, timing each write from {@code acceptedAtMicros} (epoch µs; 0: untimed). */
    synchronized void deliver(RoomEntry message, long acceptedAtMicros) {
        if (message.seq() <= delivered) return;
        if (message.seq() > delivered + 1) {
            meters.gaps.increment();
            fillGap(message.seq() - 1);
        }
        send(message, render.apply(message).acceptedAt(acceptedAtMicros));
    }

    /** Delivers, from the store, whatever the room committed up to {@code lastSeq} that the bus never brought. */
    synchronized void catchUp(long lastSeq) {
        if (lastSeq > delivered) fillGap(lastSeq);
    }

    synchronized boolean hasFollowers() {
        return !followers.isEmpty();
    }

    /** What a replay sent (messages, bytes), and whether older messages were left out (the client fetches those over HTTP). */
    record Replay(int replayed, long bytes, boolean gap) {}

    /**
     * Sends a follower what came after {@code lastSeq}, up to what the room delivered, then
     * resumes it live. At most {@code limit} messages and {@code budgetBytes} of text (but at
     * least the newest message, unless the budget is spent): when more was missed, the newest
     * that fit are sent and the replay reports a gap.
     */
    synchronized Replay replay(Connection connection, long lastSeq, int limit, long budgetBytes) {
        Follower follower = index.get(connection);
        if (follower == null) return new Replay(0, 0, false);
        // A connection that went live before its sync (another frame came first, or the hold ran
        // out) was sent everything after it began following: replay only what came before that.
        long replayUpTo = connection.isLive() ? Math.min(delivered, follower.cursor().followedAt) : delivered;
        var sent = new java.util.ArrayDeque<RoomEntry>();
        var texts = new java.util.ArrayDeque<Frames>();
        long bytes = 0;
        boolean gap = lastSeq < replayUpTo - limit;
        if (lastSeq < replayUpTo) {
            List<RoomEntry> missed = store.after(roomId, Math.max(lastSeq, replayUpTo - limit), limit);
            for (int i = missed.size() - 1; i >= 0; i--) {
                RoomEntry m = missed.get(i);
                if (m.seq() > replayUpTo) continue;
                Frames frames = render.apply(m);
                var text = frames.bytesFor(connection);
                long size = text == null ? 0 : text.remaining();
                if (bytes + size > budgetBytes && (!sent.isEmpty() || budgetBytes <= 0)) {
                    gap = true;
                    break;
                }
                bytes += size;
                sent.addFirst(m);
                texts.addFirst(frames);
            }
        }
        for (RoomEntry m : sent) connection.replay(roomId, m.seq(), texts.removeFirst());
        connection.resumeAt(roomId, Math.max(lastSeq, delivered));
        return new Replay(sent.size(), bytes, gap);
    }

    /** Sends a non-message event of the room to every follower. */
    synchronized void broadcast(Frames frames) {
        broadcast(frames, c -> false);
    }

    synchronized void broadcast(Frames frames, java.util.function.Predicate<Connection> except) {
        for (Follower f : followers) {
            if (!except.test(f.connection())) f.connection().send(frames);
        }
    }

    private void fillGap(long upTo) {
        while (delivered < upTo) {
            List<RoomEntry> missing = store.after(roomId, delivered, (int) Math.min(500, upTo - delivered));
            if (missing.isEmpty()) return;
            for (RoomEntry m : missing) {
                if (m.seq() > upTo) return;
                meters.healed.increment();
                // A message is timed from when it was stored: how late the heal brought it.
                long stored = m instanceof dev.parley.chat.Message message
                        ? dev.parley.util.WallClock.epochMicros(message.createdAt())
                        : 0;
                send(m, render.apply(m).acceptedAt(stored));
            }
        }
    }

    private void send(RoomEntry message, Frames frames) {
        delivered = message.seq();
        for (Follower f : followers) f.connection().deliver(f.cursor(), roomId, message.seq(), frames);
    }
}
