package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.render.Json;
import dev.parley.testing.ApiClient;
import dev.parley.testing.MutableClock;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A guesser is slowed where they guess from; the owner signing in from elsewhere is not locked out. */
class LoginThrottleIT {

    static final String GUESSER = "203.0.113.66";
    static final String OWNER = "198.51.100.10";

    private TestServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        // Behind a trusted proxy, so that the test can speak from several addresses.
        // A clock that stands still: a hundred password checks on a busy machine take longer than the
        // minute in which the per-name ceiling gives one guess back.
        server = TestServer.start(c -> c.withTrustedProxies(List.of("127.0.0.1", "::1")), MutableClock.now());
        api = new ApiClient(server);
        api.register(ALICE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Reply logIn(ApiClient api, String password, String from) {
        return ApiClient.send(api.request("/api/auth/login")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(BodyPublishers.ofString(Json.write(Map.of("username", "alice", "password", password)))));
    }

    @Test
    void tenWrongGuessesCutOffTheirAddressSayingWhenToRetryWhileTheOwnerElsewhereSignsIn() {
        for (int i = 0; i < 10; i++)
            assertThat(logIn(api, "guess-" + i, GUESSER).status()).isEqualTo(401);
        Reply refused = logIn(api, ALICE.password(), GUESSER);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 30L);
        assertThat(refused.json().path("error").path("retryAfterMs").asLong()).isBetween(1L, 30_000L);

        assertThat(logIn(api, ALICE.password(), OWNER).status())
                .as("the owner, from their own address")
                .isEqualTo(200);
    }

    @Test
    void thePageSaysSoBesideThePasswordWithRetryAfter() {
        for (int i = 0; i < 10; i++) logIn(api, "guess-" + i, GUESSER);
        Reply page = new WebClient(server)
                .post("/login", Map.of("username", "alice", "password", ALICE.password()), "X-Forwarded-For", GUESSER);
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isPresent();
        assertThat(page.html().select("#field-password-error").text()).contains("Too many failed attempts");
    }

    @Test
    void guessesSpreadOverManyAddressesMeetACeilingPerName() {
        for (int i = 0; i < 100; i++)
            assertThat(logIn(api, "guess-" + i, "192.0.2." + (i % 50 + 1) + "").status())
                    .isIn(401, 429);
        assertThat(logIn(api, ALICE.password(), "198.51.100." + 77).status())
                .as("past the per-name ceiling")
                .isEqualTo(429);
    }
}
