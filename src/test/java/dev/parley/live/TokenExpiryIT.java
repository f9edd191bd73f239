package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A socket lives as long as its access token: pages come back with a fresh cookie, programs renew in-band or reconnect. */
class TokenExpiryIT extends OneServerOnAClock {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    @Test
    void aPagesSocketClosesWithARetriedCodeWhenItsTokenExpiresAndComesBackWithTheRefreshedCookie() throws Exception {
        var browser = new WebClient(server).signUp(person("ann"));
        try (var page = LiveClient.page(server, cookieHeader(browser), "")) {
            clock.advance(LIFETIME.minusSeconds(5));
            Thread.sleep(600);
            assertThat(page.closed()).as("not before its token expires").isNotDone();
            clock.advance(Duration.ofSeconds(6));
            assertThat(page.closeCode()).as("1013, which htmx retries").isEqualTo(1013);
        }
        // What the retried handshake carries: the refresh cookie alone, which the handshake turns into a fresh access
        // cookie.
        browser.forget("parley_at");
        try (var again = LiveClient.connect(
                server.uri("/ws"),
                Map.of("Cookie", "parley_rt=" + browser.cookie("parley_rt"), "Origin", server.base.toString()),
                null)) {
            Thread.sleep(300);
            assertThat(again.closed()).isNotDone();
        }
    }

    @Test
    void aProgramIsToldAMinuteBeforeExpiryAndClosedAtItUnlessItRenews() {
        var bot = api.register(person("bot"));
        try (var socket = LiveClient.json(server, bot.accessToken()).ready()) {
            clock.advance(LIFETIME.minusSeconds(50));
            JsonNode warning = socket.event("token-expiring").path("data");
            assertThat(warning.path("expiresInMs").asLong()).isBetween(1L, 60_000L);
            assertThat(Instant.parse(warning.path("expiresAt").asText())).isAfter(clock.instant());
            assertThat(socket.events("token-expiring")).hasSize(1);
            clock.advance(Duration.ofSeconds(51));
            assertThat(socket.closeCode()).isEqualTo(1013);
        }
    }

    @Test
    void aProgramRenewsInBandWithTheFreshAccessTokenOfItsOwnSession() {
        var bot = api.register(person("bot"));
        long room = api.createRoom(bot, ApiClient.fresh("room"), false);
        try (var socket = LiveClient.json(server, bot.accessToken()).ready()) {
            clock.advance(LIFETIME.minusSeconds(30));
            socket.event("token-expiring");
            var fresh =
                    ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", bot.refreshToken()))
                            .json());
            JsonNode renewed = assertOk(socket.request("refresh-token", Map.of("accessToken", fresh.accessToken())));
            assertThat(Instant.parse(renewed.path("expiresAt").asText()))
                    .isAfter(clock.instant().plus(LIFETIME).minusSeconds(5));

            clock.advance(Duration.ofMinutes(2));
            assertOk(socket.request(
                    "send-message", Map.of("roomId", room, "content", "still here, past the first token")));
            assertThat(socket.closed()).isNotDone();

            clock.advance(LIFETIME);
            assertThat(socket.closeCode()).as("the renewed token expires too").isEqualTo(1013);
        }
    }

    @Test
    void aTokenOfAnotherSessionOrNoneRenewsNothing() {
        var someone = person("bot");
        var bot = api.register(someone);
        var elsewhere = api.login(someone);
        var stranger = api.register(person("eve"));
        try (var socket = LiveClient.json(server, bot.accessToken()).ready()) {
            assertFailed(socket.request("refresh-token", Map.of("accessToken", elsewhere.accessToken())), "forbidden");
            assertFailed(socket.request("refresh-token", Map.of("accessToken", stranger.accessToken())), "forbidden");
            assertFailed(socket.request("refresh-token", Map.of("accessToken", "not-a-token")), "unauthorized");
            assertFailed(socket.request("refresh-token", Map.of()), "invalid_payload");
            clock.advance(LIFETIME.plusSeconds(1));
            assertThat(socket.closeCode()).isEqualTo(1013);
        }
    }

    @Test
    void anEndedSessionGetsNoGraceItsSocketsCloseAtOnceWithACodeNothingRetries() {
        var bot = api.register(person("bot"));
        try (var socket = LiveClient.json(server, bot.accessToken()).ready()) {
            clock.advance(LIFETIME.minusSeconds(30));
            socket.event("token-expiring");
            assertThat(api.post("/api/auth/logout", bot.accessToken(), Map.of()).status())
                    .isEqualTo(204);
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }
}
