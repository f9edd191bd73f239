package dev.parley.bench;

import dev.parley.bench.bare.BareRooms;
import dev.parley.bench.bare.BareSocket;
import java.time.Duration;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The transport's ceiling: plain Jetty 12 WebSockets that broadcast Parley's {@code new-message}
 * frame shape to a room, with no accounts, no store and no ordering machinery. Each message is
 * encoded once and the same bytes go to every member. Speaks just enough of Parley's JSON
 * protocol ({@code sync}, {@code join-room}, {@code send-message} with acks) for the load
 * generator. {@code PORT} from the environment; {@code GET /healthz} answers 200.
 */
public final class BareJetty {

    private BareJetty() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8090"));
        Server server = create(port);
        server.start();
        System.out.println("bare jetty on 127.0.0.1:" + port);
        server.join();
    }

    static Server create(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        BareRooms rooms = new BareRooms(System.getenv("BARE_FAULT"));
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(30));
            container.setMaxTextMessageSize(64 * 1024);
            container.addMapping("/ws", (req, res, cb) -> new BareSocket(rooms, userOf(req.getHttpURI().getQuery())));
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean health = "/healthz".equals(Request.getPathInContext(request));
                response.setStatus(health ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404);
                response.write(true, org.eclipse.jetty.util.BufferUtil.toBuffer(health ? "ok\n" : "not found\n"), callback);
                return true;
            }
        });
        server.setHandler(ws);
        server.setStopTimeout(2_000);
        return server;
    }

    /** {@code ?user=N} names the connection's user in the frames it sends; 0 when absent. */
    private static long userOf(String query) {
        if (query == null) return 0;
        for (String pair : query.split("&")) {
            if (pair.startsWith("user=")) return Long.parseLong(pair.substring(5));
        }
        return 0;
    }
}
