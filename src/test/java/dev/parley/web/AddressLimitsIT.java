package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Config;
import dev.parley.chat.Rate;
import dev.parley.render.Json;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-ups and sign-in attempts are limited per client address: the socket's peer, or what a trusted proxy says. */
class AddressLimitsIT {

    private TestServer server;
    private ApiClient api;

    private void start(UnaryOperator<Config> more) {
        server = TestServer.start(
                c -> more.apply(c.withLimits(c.limits().withAddressLimits(Rate.parse("3/h"), Rate.parse("2/h")))));
        api = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Reply post(String path, Map<String, String> body, String forwardedFor) {
        var req = api.request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(Json.write(body)));
        if (forwardedFor != null) req.header("X-Forwarded-For", forwardedFor);
        return ApiClient.send(req);
    }

    private Reply register(String name, String forwardedFor) {
        return post("/api/auth/register", Map.of("username", name, "password", "long-enough-1"), forwardedFor);
    }

    @Test
    void signUpsBeyondTheAddressAllowanceAre429WithRetryAfterAndAForgedForwardedForChangesNothing() {
        start(c -> c);
        assertThat(register("first", null).status()).isEqualTo(201);
        assertThat(register("second", "203.0.113.7").status()).isEqualTo(201);
        Reply third = register("third", "198.51.100.9");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errorCode()).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(third.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(third.json().path("error").path("retryAfterMs").asLong()).isBetween(1L, 3_600_000L);
        assertThat(api.post("/api/auth/login", null, Map.of("username", "third", "password", "long-enough-1"))
                        .status())
                .as("the refused sign-up stored nothing")
                .isEqualTo(401);
    }

    @Test
    void signInAttemptsRightOrWrongAreLimitedPerAddress() {
        start(c -> c);
        assertThat(register("carol", null).status()).isEqualTo(201);
        assertThat(post("/api/auth/login", Map.of("username", "carol", "password", "long-enough-1"), null)
                        .status())
                .isEqualTo(200);
        assertThat(post("/api/auth/login", Map.of("username", "carol", "password", "wrong-one-1"), null)
                        .status())
                .isEqualTo(401);
        assertThat(post("/api/auth/login", Map.of("username", "carol", "password", "long-enough-1"), null)
                        .status())
                .isEqualTo(200);
        Reply fourth = post("/api/auth/login", Map.of("username", "carol", "password", "long-enough-1"), null);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isPresent();

        Reply page = new WebClient(server).post("/login", Map.of("username", "carol", "password", "long-enough-1"));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isPresent();
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnAllowance() {
        start(c -> c.withTrustedProxies(List.of("127.0.0.1", "::1")));
        assertThat(register("dan", "203.0.113.7").status()).isEqualTo(201);
        assertThat(register("eve", "203.0.113.7").status()).isEqualTo(201);
        assertThat(register("fay", "203.0.113.7").status()).isEqualTo(429);
        assertThat(register("fay", "198.51.100.9").status())
                .as("another client behind the same proxy")
                .isEqualTo(201);
        // The nearest untrusted hop counts: a client cannot prepend addresses to escape its own limit.
        assertThat(register("gus", "192.0.2.1, 203.0.113.7").status()).isEqualTo(429);
    }
}
