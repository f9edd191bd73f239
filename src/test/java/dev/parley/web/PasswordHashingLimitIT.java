package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-ins for made-up names cost a password hash each; past the bound they are turned away, saying when to retry. */
class PasswordHashingLimitIT {

    private TestServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        server = TestServer.start(c -> c.withLimits(c.limits().withHashConcurrency(1)));
        api = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void concurrentSignInsBeyondTheHashingBoundAnswer503WithRetryAfter() {
        var pool = Executors.newFixedThreadPool(24);
        try {
            List<Reply> replies = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> api.post(
                                    "/api/auth/login",
                                    null,
                                    Map.of("username", "nobody-" + i, "password", "whatever-" + i)),
                            pool))
                    .toList()
                    .stream()
                    .map(CompletableFuture::join)
                    .toList();
            List<Reply> busy = replies.stream().filter(r -> r.status() == 503).toList();
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(401, 503));
            assertThat(busy)
                    .as("with one hash at a time, one waiting, 24 at once cannot all be checked")
                    .isNotEmpty();
            for (Reply r : busy) {
                assertThat(r.errorCode()).isEqualTo("unavailable");
                assertThat(r.header("Retry-After")).contains("1");
                assertThat(r.json().path("error").path("retryAfterMs").asLong()).isEqualTo(1000);
            }
        } finally {
            pool.shutdownNow();
        }
        // Nothing is left holding a turn: once the rush is over, a sign-in is checked as usual.
        assertThat(api.post("/api/auth/login", null, Map.of("username", "nobody", "password", "whatever"))
                        .status())
                .isEqualTo(401);
    }
}
