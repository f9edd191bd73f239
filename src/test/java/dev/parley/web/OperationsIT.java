package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator's probes and scrapers read. */
class OperationsIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadinessAnswerWhileTheDatabaseDoes() {
        var browser = new WebClient(server);
        assertThat(browser.get("/healthz").status()).isEqualTo(200);
        Reply ready = browser.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ok\n");
    }

    @Test
    void metricsTimeRequestsByRouteNeverByRoomId() {
        var alice = new WebClient(server).signUp(ALICE);
        long room = alice.createRoom("metrics-room", false);
        alice.get("/rooms/" + room);

        // The first person to sign up is the admin, who may read metrics from the browser too.
        Reply metrics = alice.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("jvm_memory_used_bytes")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/rooms/\\*\"")
                .doesNotContain("route=\"/rooms/" + room);
    }
}
