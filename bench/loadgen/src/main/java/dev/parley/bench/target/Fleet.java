package dev.parley.bench.target;

import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open sockets of a run, and for each room how many of them follow it, so a sender knows how
 * many deliveries a message should make: every socket in the room except the sender's own.
 */
public final class Fleet implements AutoCloseable {

    /** One socket to open: whose, and on which instance. */
    public record Spec(int user, int instance) {}

    private final List<ChatSocket> sockets;
    private final Map<Long, Integer> perRoom = new HashMap<>();
    private final Map<Long, Map<Integer, Integer>> perRoomUser = new HashMap<>();

    private Fleet(Cast cast, List<ChatSocket> sockets) {
        this.sockets = sockets;
        for (ChatSocket s : sockets) {
            for (long room : cast.roomIdsOf(s.user)) {
                perRoom.merge(room, 1, Integer::sum);
                perRoomUser.computeIfAbsent(room, r -> new HashMap<>()).merge(s.user, 1, Integer::sum);
            }
        }
    }

    /** Opens every socket (the client bounds concurrent handshakes) and waits until all are ready. */
    public static Fleet open(Target target, Cast cast, List<Spec> specs, Receiver receiver, long timeoutSeconds) {
        List<CompletableFuture<ChatSocket>> pending = new ArrayList<>();
        for (Spec spec : specs) pending.add(target.open(cast, cast.members()[spec.user()], spec.instance(), receiver));
        List<ChatSocket> sockets = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int failed = 0;
        Throwable first = null;
        for (CompletableFuture<ChatSocket> f : pending) {
            try {
                sockets.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                failed++;
                if (first == null) first = e;
            }
        }
        if (failed > 0) {
            sockets.forEach(ChatSocket::close);
            throw new IllegalStateException(failed + " of " + specs.size() + " sockets did not open on " + target.name()
                    + ": " + (first == null ? "" : first.getMessage()), first);
        }
        return new Fleet(cast, sockets);
    }

    public List<ChatSocket> sockets() { return sockets; }

    /** Deliveries one message from {@code sender} to {@code room} should make. */
    public int receivers(long room, int sender) {
        return perRoom.getOrDefault(room, 0) - perRoomUser.getOrDefault(room, Map.of()).getOrDefault(sender, 0);
    }

    public List<ChatSocket> socketsOf(int user) {
        return sockets.stream().filter(s -> s.user == user).toList();
    }

    public long openCount() {
        return sockets.stream().filter(ChatSocket::open).count();
    }

    @Override
    public void close() {
        sockets.forEach(ChatSocket::close);
    }
}
