package dev.parley.bench.net;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The Jetty core WebSocket client every connection of a run goes through (the core layer: the
 * Jetty API's per-frame method-handle dispatch cost more than the rest of a delivery). Handshakes
 * are bounded ({@link #MAX_HANDSHAKES} at once) so thousands of sockets open without a pile-up.
 */
public final class Clients implements AutoCloseable {

    static final int MAX_HANDSHAKES = 64;

    private final WebSocketCoreClient client;
    private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);

    public Clients() {
        HttpClient http = new HttpClient();
        QueuedThreadPool pool = new QueuedThreadPool(64, 8);
        pool.setName("loadgen");
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(MAX_HANDSHAKES * 2);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setConnectTimeout(10_000);
        client = new WebSocketCoreClient(http, null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the socket; completes once the WebSocket is up (not yet the chat protocol's handshake). */
    public CompletableFuture<ChatSocket> connect(ChatSocket socket, URI uri, Map<String, String> headers, String subprotocol) {
        handshakes.acquireUninterruptibly();
        CoreClientUpgradeRequest req = CoreClientUpgradeRequest.from(client, uri, socket);
        req.headers(h -> headers.forEach(h::put));
        if (subprotocol != null) req.setSubProtocols(subprotocol);
        try {
            return client.connect(req)
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
