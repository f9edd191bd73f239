package dev.parley.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.TestServer;
import dev.parley.web.Json;
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

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> texts = new ArrayList<>();
    private final Map<Object, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();
    private final AtomicLong nextAck = new AtomicLong();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean reading = true;
    private WebSocket socket;

    private LiveClient() {}

    /** A program: bearer token, JSON subprotocol. */
    public static LiveClient json(TestServer server, String accessToken) {
        return connect(server.uri("/ws"), Map.of("Authorization", "Bearer " + accessToken), "parley.json");
    }

    /** A page: the browser's cookies and origin, HTML fragments; {@code query} like {@code "?room=7"}. */
    public static LiveClient page(TestServer server, String cookieHeader, String query) {
        return connect(server.uri("/ws" + query), Map.of("Cookie", cookieHeader, "Origin", server.base.toString()), null);
    }

    public static LiveClient connect(URI http, Map<String, String> headers, String subprotocol) {
        var client = new LiveClient();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        var builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocol != null) builder.subprotocols(subprotocol);
        client.socket = builder.buildAsync(ws, client.new Listener()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** Sends an event with a fresh ack id and waits for its ack. */
    public JsonNode request(String event, Object data) {
        long ack = nextAck.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        acks.put(ack, answer);
        send(Json.write(Map.of("event", event, "ack", ack, "data", data)));
        return answer.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Sends an event without an ack id: nothing comes back for it but its effects. */
    public void tell(String event, Object data) {
        send(Json.write(Map.of("event", event, "data", data)));
    }

    /** Waits for the ack of a frame sent raw with this ack id. */
    public JsonNode ackOf(Object ack) {
        return acks.computeIfAbsent(ack, k -> new CompletableFuture<>()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next event of this name after the first {@code skip} ones, waiting for it. */
    public JsonNode event(String name) {
        return awaitEvent(e -> e.path("event").asText().equals(name));
    }

    public JsonNode awaitEvent(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events()) if (wanted.test(e)) return e;
            pause(10);
        }
        throw new AssertionError("no such event within " + WAIT + "; got " + texts());
    }

    /** Every event (not ack) received so far, parsed; only for JSON clients. */
    public List<JsonNode> events() {
        var out = new ArrayList<JsonNode>();
        for (String t : texts()) {
            JsonNode n = parse(t);
            if (n != null && n.has("event")) out.add(n);
        }
        return out;
    }

    public List<JsonNode> events(String name) {
        return events().stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    /** The seqs of the new-message events of a room, in arrival order. */
    public List<Long> seqs(long roomId) {
        return events("new-message").stream().filter(e -> e.path("data").path("roomId").asLong() == roomId)
                .map(e -> e.path("data").path("seq").asLong()).toList();
    }

    public List<String> texts() {
        synchronized (texts) {
            return List.copyOf(texts);
        }
    }

    /** Stops asking for frames: the server's writes back up as for a reader that went away. */
    public void stopReading() {
        reading = false;
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
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
                synchronized (texts) {
                    texts.add(text);
                }
                JsonNode n = parse(text);
                if (n != null && n.has("ack") && n.has("success")) {
                    Object id = n.get("ack").isNumber() ? (Object) n.get("ack").asLong() : n.get("ack").asText();
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
            closed.complete(1006);
        }
    }
}
