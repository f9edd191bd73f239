package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.render.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real WebSocket client of {@code /ws} (the JDK's), as a bot or a test sees the socket: it
 * keeps every frame it receives, matches acks to requests, and can stop reading to play a slow
 * consumer.
 */
public final class LiveClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Every text received, in arrival order, with its parse (null for HTML and other non-JSON text). */
    private record Received(String text, JsonNode json) {}

    private final List<Received> received = new ArrayList<>();
    private final Map<Object, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();
    private final Map<Object, Integer> ackCounts = new ConcurrentHashMap<>();
    private final AtomicLong nextAck = new AtomicLong();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean reading = true;
    private WebSocket socket;

    private volatile Throwable lastError;

    private LiveClient() {}

    /** What broke the socket when it closed with 1006 (null otherwise). */
    public Throwable error() {
        return lastError;
    }

    /** A program: bearer token, JSON subprotocol. */
    public static LiveClient json(TestServer server, String accessToken) {
        return connect(server.uri("/ws"), Map.of("Authorization", "Bearer " + accessToken), "parley.json");
    }

    /** A page: the browser's cookies and origin, HTML fragments; {@code query} like {@code "?room=7"}. */
    public static LiveClient page(TestServer server, String cookieHeader, String query) {
        return connect(
                server.uri("/ws" + query), Map.of("Cookie", cookieHeader, "Origin", server.base.toString()), null);
    }

    public static LiveClient connect(URI http, Map<String, String> headers, String subprotocol) {
        return connectAsync(http, headers, subprotocol)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Opens the socket without waiting: a refused handshake fails the future with a {@code WebSocketHandshakeException}. */
    public static CompletableFuture<LiveClient> connectAsync(
            URI http, Map<String, String> headers, String subprotocol) {
        var client = new LiveClient();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        var builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocol != null) builder.subprotocols(subprotocol);
        return builder.buildAsync(ws, client.new Listener()).thenApply(s -> {
            client.socket = s;
            return client;
        });
    }

    /** The subprotocol the server agreed to ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends an event with a fresh ack id and waits for its ack. */
    public JsonNode request(String event, Object data) {
        return requestAsync(event, data)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Sends an event with a fresh ack id; the future completes with its ack. */
    public CompletableFuture<JsonNode> requestAsync(String event, Object data) {
        long ack = nextAck.incrementAndGet();
        var answer = acks.computeIfAbsent(ack, k -> new CompletableFuture<>());
        send(Json.write(Map.of("event", event, "ack", ack, "data", data)));
        return answer;
    }

    /**
     * Sends a first frame (a sync of no rooms) and waits for its ack. Until a socket's first frame
     * the server holds room messages back for a while, so that a resuming client's sync comes first;
     * a client that only listens sends this to get them at once.
     */
    public LiveClient ready() {
        JsonNode ack = request("sync", Map.of("rooms", Map.of()));
        if (!ack.path("success").asBoolean()) throw new AssertionError("sync of no rooms failed: " + ack);
        return this;
    }

    /** Sends an event without an ack id: nothing comes back for it but its effects. */
    public void tell(String event, Object data) {
        send(Json.write(Map.of("event", event, "data", data)));
    }

    /** Sends a raw frame carrying this ack id and waits for its ack. */
    public JsonNode raw(Object ack, String text) {
        var answer = acks.computeIfAbsent(ack, k -> new CompletableFuture<>());
        send(text);
        return answer.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Waits for the ack of a frame sent raw with this ack id. */
    public JsonNode ackOf(Object ack) {
        return acks.computeIfAbsent(ack, k -> new CompletableFuture<>())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** How many acks arrived carrying this id. */
    public int ackCount(Object ack) {
        return ackCounts.getOrDefault(ack, 0);
    }

    /** Every ack received so far, in arrival order. */
    public List<JsonNode> acks() {
        return jsons().stream().filter(LiveClient::isAck).toList();
    }

    /** One send at a time: the JDK's socket refuses a send while another is pending. */
    public synchronized void send(String text) {
        socket.sendText(text, true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** The first event of this name, waiting for it. */
    public JsonNode event(String name) {
        return awaitEvent(e -> e.path("event").asText().equals(name));
    }

    /** The first event of this name whose data matches, waiting for it. */
    public JsonNode event(String name, Predicate<JsonNode> data) {
        return awaitEvent(e -> e.path("event").asText().equals(name) && data.test(e.path("data")));
    }

    public JsonNode awaitEvent(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events()) if (wanted.test(e)) return e;
            pause(10);
        }
        throw new AssertionError("no such event within " + WAIT + "; got " + abbreviated());
    }

    /** The first text (any format) that matches, waiting for it. */
    public String awaitText(Predicate<String> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String t : texts()) if (wanted.test(t)) return t;
            pause(10);
        }
        throw new AssertionError("no such text within " + WAIT + "; got " + abbreviated());
    }

    /** Every event (not ack) received so far, parsed; only for JSON clients. */
    public List<JsonNode> events() {
        return jsons().stream().filter(n -> n.has("event")).toList();
    }

    public List<JsonNode> events(String name) {
        return events().stream()
                .filter(e -> e.path("event").asText().equals(name))
                .toList();
    }

    /** The seqs of the new-message events of a room, in arrival order. */
    public List<Long> seqs(long roomId) {
        return events("new-message").stream()
                .filter(e -> e.path("data").path("roomId").asLong() == roomId)
                .map(e -> e.path("data").path("seq").asLong())
                .toList();
    }

    /** The events that take a place in a room's order: messages and the changes to them. */
    public static final java.util.Set<String> ROOM_ORDER_EVENTS =
            java.util.Set.of("new-message", "message-edited", "message-deleted", "reaction-added", "reaction-removed");

    /** The seqs of every event of a room's order (messages and changes), in arrival order. */
    public List<Long> roomSeqs(long roomId) {
        return events().stream()
                .filter(e -> ROOM_ORDER_EVENTS.contains(e.path("event").asText()))
                .filter(e -> e.path("data").path("roomId").asLong() == roomId)
                .map(e -> e.path("data").path("seq").asLong())
                .toList();
    }

    /** Every JSON frame, events and acks, in arrival order. */
    public List<JsonNode> jsons() {
        synchronized (received) {
            return received.stream()
                    .filter(r -> r.json() != null)
                    .map(Received::json)
                    .toList();
        }
    }

    public List<String> texts() {
        synchronized (received) {
            return received.stream().map(Received::text).toList();
        }
    }

    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Stops asking for frames: the server's writes back up as for a reader that went away. */
    public void stopReading() {
        reading = false;
    }

    /** Asks for frames again after {@link #stopReading()}. */
    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Drops the TCP connection without a close handshake, as a sleeping laptop does. */
    public void kill() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            if (!socket.isOutputClosed())
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            // The close handshake: the server answers once it has let the socket go.
            if (reading) closed.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Already closed by the server, or it did not answer: nothing more to wait for.
        }
        socket.abort();
    }

    public static boolean isAck(JsonNode n) {
        return n.has("ack") && n.has("success");
    }

    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String abbreviated() {
        List<String> all = texts();
        List<String> tail = all.size() > 30 ? all.subList(all.size() - 30, all.size()) : all;
        return all.size() + " texts, last: "
                + tail.stream()
                        .map(t -> t.length() > 300 ? t.substring(0, 300) + "…" : t)
                        .toList();
    }

    private static JsonNode parse(String text) {
        if (!text.startsWith("{")) return null;
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                JsonNode n = parse(text);
                synchronized (received) {
                    received.add(new Received(text, n));
                }
                if (n != null && isAck(n)) {
                    Object id = n.get("ack").isNumber()
                            ? (Object) n.get("ack").asLong()
                            : n.get("ack").asText();
                    ackCounts.merge(id, 1, Integer::sum);
                    acks.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(n);
                }
            }
            if (reading) webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lastError = error;
            closed.complete(1006);
        }
    }
}
