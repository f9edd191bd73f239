package dev.parley.web;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.WebClient;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleIT {

    private TestServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        api.register(ALICE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void guessingAPasswordIsCutOffEvenForTheRightOneUntilTheLimitRefills() {
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/auth/login", null, Map.of("username", "alice", "password", "guess-" + i)).status()).isEqualTo(401);
        }
        Reply r = api.post("/api/auth/login", null, Map.of("username", "alice", "password", ALICE.password()));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.errorCode()).isEqualTo("rate_limited");

        Reply page = new WebClient(server).post("/login", Map.of("username", "alice", "password", ALICE.password()));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.html().select("#field-password-error").text()).contains("Too many failed attempts");
    }
}
