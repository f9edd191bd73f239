package dev.parley.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.ParleyProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program connected to one of several instances, as through a load balancer: when its socket
 * closes (1012 on a restart, or dropped by a killed instance) it reconnects to the next instance
 * that answers and resumes with {@code sync}. It keeps, per room, every seq it was ever sent, in
 * arrival order, across all its sockets, and never filters duplicates: what it holds is exactly
 * what the servers delivered.
 */
final class RoamingClient implements AutoCloseable {

    final Session who;
    final List<Long> rooms;
    private final List<ParleyProcess> instances;
    private final Map<Long, List<Long>> archived = new HashMap<>();
    private volatile LiveClient socket;
    private volatile int at;
    private volatile boolean closing;
    int reconnects;

    RoamingClient(Session who, List<Long> rooms, List<ParleyProcess> instances, int home) {
        this.who = who;
        this.rooms = rooms;
        this.instances = instances;
        this.at = home;
        rooms.forEach(r -> archived.put(r, new ArrayList<>()));
        connect();
    }

    /** Every seq received in the room so far (messages and changes), over every socket, in order. */
    synchronized List<Long> received(long roomId) {
        var all = new ArrayList<>(archived.get(roomId));
        LiveClient current = socket;
        if (current != null) all.addAll(current.roomSeqs(roomId));
        return all;
    }

    /** Sends a change ({@code edit-message}, {@code add-reaction}...) as {@link #send} sends a message; returns its seq. */
    long change(String event, Map<String, Object> data, String clientId) {
        var withId = new HashMap<>(data);
        withId.put("clientId", clientId);
        return ackedSeq(
                event, withId, clientId, ack -> ack.path("data").path("seq").asLong());
    }

    /**
     * Sends a message, again and again with the same clientId until one attempt is acknowledged,
     * whatever happens to sockets and instances meanwhile; returns the seq it was stored under.
     */
    long send(long roomId, String content, String clientId) {
        return sendForId(roomId, content, clientId)[0];
    }

    /** {@link #send}, returning {seq, message id}. */
    long[] sendForId(long roomId, String content, String clientId) {
        long[] out = new long[2];
        out[0] = ackedSeq(
                "send-message", Map.of("roomId", roomId, "content", content, "clientId", clientId), clientId, ack -> {
                    out[1] = ack.path("data").path("id").asLong();
                    return ack.path("data").path("seq").asLong();
                });
        return out;
    }

    private long ackedSeq(
            String event, Map<String, Object> data, String clientId, java.util.function.ToLongFunction<JsonNode> seq) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            LiveClient s = socket;
            if (s == null || s.closed().isDone()) {
                LiveClient.pause(50);
                continue;
            }
            CompletableFuture<JsonNode> ack;
            try {
                ack = s.requestAsync(event, data);
                CompletableFuture.anyOf(ack, s.closed()).get(5, TimeUnit.SECONDS);
            } catch (Exception lost) {
                // The socket went away under the send; the next one retries with the same clientId.
                continue;
            }
            if (ack.isDone() && ack.join().path("success").asBoolean()) return seq.applyAsLong(ack.join());
            LiveClient.pause(100);
        }
        throw new AssertionError(who.username() + " could not send " + clientId + " within 60 s");
    }

    private void connect() {
        for (int attempt = 0; !closing; attempt++) {
            ParleyProcess instance = instances.get(at);
            try {
                LiveClient s = LiveClient.connect(
                        instance.uri("/ws"), Map.of("Authorization", "Bearer " + who.accessToken()), "parley.json");
                Map<Long, Long> cursors = new HashMap<>();
                synchronized (this) {
                    for (long room : rooms) {
                        List<Long> got = archived.get(room);
                        cursors.put(room, got.isEmpty() ? 0L : got.get(got.size() - 1));
                    }
                }
                // sync is the first frame, as the protocol asks: only then may the senders use the socket.
                s.requestAsync("sync", Map.of("rooms", cursors));
                synchronized (this) {
                    socket = s;
                }
                s.closed().thenRunAsync(() -> moved(s));
                return;
            } catch (RuntimeException refused) {
                // That instance is down: the load balancer would try the next one.
                at = (at + 1) % instances.size();
                LiveClient.pause(Math.min(500, 50L * (attempt + 1)));
            }
        }
    }

    private void moved(LiveClient old) {
        synchronized (this) {
            for (long room : rooms) archived.get(room).addAll(old.roomSeqs(room));
            if (socket == old) socket = null;
        }
        if (closing) return;
        reconnects++;
        at = (at + 1) % instances.size();
        connect();
    }

    @Override
    public void close() {
        closing = true;
        LiveClient s = socket;
        if (s != null) s.close();
    }
}
