package dev.parley.live;

import dev.parley.testing.ApiClient;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Like {@link OneServer}, on a clock the tests move by hand: expiry without sleeping. */
abstract class OneServerOnAClock {

    static MutableClock clock;
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() {
        clock = MutableClock.now();
        server = TestServer.start(c -> c, clock);
        api = new ApiClient(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
