package dev.parley.live;

import dev.parley.chat.Message;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The connections of this instance that follow one room, and the room's delivery order.
 *
 * <p>The bus may deliver messages late, out of order (two posters racing) or not at all (Redis
 * pub/sub). The channel delivers each seq once and in order anyway: a message ahead of the next
 * expected seq first pulls the missing ones from the store, and a message already delivered is
 * dropped. Everything happens under the channel's lock, so subscribers, cursors and deliveries
 * never interleave.
 */
final class RoomChannel {

    /** Reads messages after a seq from the store: the source of truth. */
    interface Store {
        List<Message> after(long roomId, long afterSeq, int limit);
    }

    final long roomId;
    private final Store store;
    private final Function<Message, Frames> render;
    private final Set<Connection> followers = new LinkedHashSet<>();
    private long delivered;

    RoomChannel(long roomId, long lastSeq, Store store, Function<Message, Frames> render) {
        this.roomId = roomId;
        this.delivered = lastSeq;
        this.store = store;
        this.render = render;
    }

    synchronized void follow(Connection connection) {
        followers.add(connection);
        connection.follow(roomId, delivered);
    }

    synchronized void unfollow(Connection connection) {
        followers.remove(connection);
        connection.unfollow(roomId);
    }

    synchronized List<Connection> followers() {
        return List.copyOf(followers);
    }

    synchronized long delivered() {
        return delivered;
    }

    /** Delivers a posted message, and any it skipped over, to every follower. */
    synchronized void deliver(Message message) {
        if (message.seq() <= delivered) return;
        if (message.seq() > delivered + 1) fillGap(message.seq() - 1);
        send(message, render.apply(message));
    }

    /** Pulls from the store whatever is newer than what was delivered, e.g. after the bus lost messages. */
    synchronized void catchUp(long lastSeq) {
        if (lastSeq > delivered) fillGap(lastSeq);
    }

    /** Sends a follower everything after {@code lastSeq} up to what the room delivered, then resumes it live. */
    synchronized int replay(Connection connection, long lastSeq, int limit) {
        if (!followers.contains(connection)) return 0;
        int replayed = 0;
        if (lastSeq < delivered) {
            List<Message> missed = store.after(roomId, Math.max(lastSeq, delivered - limit), limit);
            for (Message m : missed) {
                if (m.seq() > delivered) break;
                connection.replay(roomId, m.seq(), render.apply(m));
                replayed++;
            }
        }
        connection.resumeAt(roomId, Math.max(lastSeq, delivered));
        return replayed;
    }

    /** Sends a non-message event of the room to every follower. */
    synchronized void broadcast(Frames frames) {
        broadcast(frames, c -> false);
    }

    synchronized void broadcast(Frames frames, java.util.function.Predicate<Connection> except) {
        for (Connection c : followers) {
            if (!except.test(c)) c.send(frames);
        }
    }

    private void fillGap(long upTo) {
        while (delivered < upTo) {
            List<Message> missing = store.after(roomId, delivered, (int) Math.min(500, upTo - delivered));
            if (missing.isEmpty()) return;
            for (Message m : missing) {
                if (m.seq() > upTo) return;
                send(m, render.apply(m));
            }
        }
    }

    private void send(Message message, Frames frames) {
        delivered = message.seq();
        for (Connection c : followers) c.deliver(roomId, message.seq(), frames);
    }
}
