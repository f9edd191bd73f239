package dev.parley.bench.net;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The Jetty WebSocket client every connection of a run goes through. Handshakes are bounded
 * ({@link #MAX_HANDSHAKES} at once) so thousands of sockets open without a pile-up.
 */
public final class Clients implements AutoCloseable {

    static final int MAX_HANDSHAKES = 64;

    private final WebSocketClient client;
    private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);

    public Clients() {
        HttpClient http = new HttpClient();
        QueuedThreadPool pool = new QueuedThreadPool(64, 8);
        pool.setName("loadgen");
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(MAX_HANDSHAKES * 2);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setConnectTimeout(10_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofMinutes(30));
        client.setMaxFrameSize(16 << 20);
        client.setMaxTextMessageSize(16 << 20);
        client.setConnectTimeout(10_000);
        client.setStopTimeout(2_000);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the socket; completes once the WebSocket is up (not yet the chat protocol's handshake). */
    public CompletableFuture<ChatSocket> connect(ChatSocket socket, URI uri, Map<String, String> headers, String subprotocol) {
        handshakes.acquireUninterruptibly();
        ClientUpgradeRequest req = new ClientUpgradeRequest();
        headers.forEach(req::setHeader);
        if (subprotocol != null) req.setSubProtocols(subprotocol);
        try {
            return client.connect(socket, uri, req)
                    .whenComplete((s, x) -> handshakes.release())
                    .thenApply(s -> socket);
        } catch (Exception e) {
            handshakes.release();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
