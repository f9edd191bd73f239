package dev.parley.live;

import dev.parley.testing.ApiClient;
import dev.parley.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real server for all the tests of a class; each test signs up its own people, so they never meet. */
abstract class OneServer {

    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
