package dev.parley.live;

import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static dev.parley.testing.LiveFixtures.rawGet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.auth.AccessTokens;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Who may open {@code /ws}, and in which format: refusals are plain HTTP answers in the API's
 * JSON error shape and never upgrade; accepted handshakes speak HTML or JSON as asked.
 */
class HandshakeIT extends OneServer {

    @Test
    void aHandshakeWithoutCredentialsIs401AndDoesNotUpgrade() {
        var reply = rawGet(server, "/ws", true, Map.of());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Upgrade")).isNull();
        assertThat(reply.json().path("error").path("code").asText()).isEqualTo("unauthorized");
        LiveFixtures.assertNoStackTrace(
                reply.json().path("error").path("message").asText());
        assertThat(refusal(Map.of(), null)).isEqualTo(401);
    }

    @Test
    void aBadBearerTokenIs401() {
        assertThat(refusal(Map.of("Authorization", "Bearer not-a-token"), "parley.json"))
                .isEqualTo(401);
        assertThat(rawGet(server, "/ws?access_token=not-a-token", true, Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(rawGet(server, "/ws", true, Map.of("Authorization", "Bearer not-a-token"))
                        .json()
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("unauthorized");
    }

    @Test
    void theTokenOfASignedOutSessionIs401() {
        var ann = api.register(person("ann"));
        assertThat(api.post("/api/auth/logout", ann.accessToken(), Map.of()).status())
                .isEqualTo(204);

        assertThat(refusal(Map.of("Authorization", "Bearer " + ann.accessToken()), "parley.json"))
                .isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() {
        var clock = MutableClock.now();
        try (var timed = TestServer.start(c -> c, clock)) {
            var timedApi = new ApiClient(timed);
            var annPerson = person("ann");
            var fresh = timedApi.register(annPerson);
            // The control: a token of this server opens a socket while it is fresh.
            LiveClient.json(timed, fresh.accessToken()).close();

            // A token stamped by a clock that ran behind has expired by the time it arrives.
            clock.advance(AccessTokens.LIFETIME.plusMinutes(5).negated());
            var stale = timedApi.login(annPerson);
            clock.advance(AccessTokens.LIFETIME.plusMinutes(5));

            var reply = rawGet(timed, "/ws", true, Map.of("Authorization", "Bearer " + stale.accessToken()));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("error").path("code").asText()).isEqualTo("unauthorized");
            assertThat(rawGet(timed, "/ws?access_token=" + stale.accessToken(), true, Map.of())
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void aCookieHandshakeFromAForeignOriginIs403() {
        var browser = new WebClient(server).signUp(person("ann"));

        var foreign =
                rawGet(server, "/ws", true, Map.of("Cookie", cookieHeader(browser), "Origin", "http://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Upgrade")).isNull();
        assertThat(foreign.json().path("error").path("code").asText()).isEqualTo("forbidden");

        var noOrigin = rawGet(server, "/ws", true, Map.of("Cookie", cookieHeader(browser)));
        assertThat(noOrigin.status())
                .as("a cookie without an Origin proves nothing about the page")
                .isEqualTo(403);

        assertThat(refusal(Map.of("Cookie", cookieHeader(browser), "Origin", "http://localhost:1"), null))
                .isEqualTo(403);
    }

    @Test
    void aCookieHandshakeFromParleysOwnOriginUpgradesAndSpeaksHtml() {
        var browser = new WebClient(server).signUp(person("ann"));
        long room = browser.createRoom(ApiClient.fresh("html"), false);

        var raw = rawGet(
                server,
                "/ws?room=" + room,
                true,
                Map.of("Cookie", cookieHeader(browser), "Origin", server.base.toString()));
        assertThat(raw.status()).isEqualTo(101);

        try (var page = LiveClient.page(server, cookieHeader(browser), "?room=" + room)) {
            assertThat(page.subprotocol()).isEmpty();
            var bob = new WebClient(server).signUp(person("bob"));
            assertThat(bob.post("/rooms/" + room + "/join", Map.of()).status()).isEqualTo(302);
            page.awaitText(t -> t.contains("room-" + room + "-members"));
            // Fragments only, each starting with its element (an empty one is never sent, even to someone with no
            // room-mates yet).
            assertThat(page.texts()).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("<"));
        }
    }

    @Test
    void anAccessTokenInTheQueryOpensASocket() {
        var ann = LiveFixtures.pairInRoom(api, "ann", "bob").a();

        try (var html = LiveClient.connect(server.uri("/ws?access_token=" + ann.accessToken()), Map.of(), null)) {
            // No Origin needed: a token in hand is not something another site can ride on. Without a format asked for,
            // HTML.
            assertThat(html.subprotocol()).isEmpty();
            assertThat(html.awaitText(t -> true)).startsWith("<div");
        }
        try (var json =
                LiveClient.connect(server.uri("/ws?format=json&access_token=" + ann.accessToken()), Map.of(), null)) {
            assertThat(json.event("online-users").path("data").path("users").isArray())
                    .isTrue();
        }
    }

    @Test
    void theParleyJsonSubprotocolAsksForJson() {
        var ann = api.register(person("ann"));

        try (var client = LiveClient.json(server, ann.accessToken())) {
            assertThat(client.subprotocol()).isEqualTo("parley.json");
            String first = client.awaitText(t -> true);
            assertThat(first).startsWith("{");
            assertThat(client.jsons().get(0).path("event").asText()).isEqualTo("online-users");
            var ack = client.request("update-presence", Map.of("status", "away"));
            assertThat(ack.path("success").asBoolean()).isTrue();
        }
    }

    @Test
    void formatJsonInTheQueryAsksForJsonWithoutASubprotocol() {
        var ann = api.register(person("ann"));

        try (var client = LiveClient.connect(
                server.uri("/ws?format=json"), Map.of("Authorization", "Bearer " + ann.accessToken()), null)) {
            assertThat(client.subprotocol()).isEmpty();
            assertThat(client.event("online-users").path("data").path("users").isArray())
                    .isTrue();
            assertThat(client.request("update-presence", Map.of("status", "busy"))
                            .path("success")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aPlainGetOfWsIsAJsonErrorNotAnUpgrade() {
        var ann = api.register(person("ann"));

        var anonymous = rawGet(server, "/ws", false, Map.of());
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.header("Content-Type")).startsWith("application/json");
        assertThat(anonymous.json().path("error").path("code").asText()).isEqualTo("invalid_payload");

        var signedIn = api.get("/ws", ann.accessToken());
        assertThat(signedIn.status()).isEqualTo(400);
        assertThat(signedIn.errorCode()).isEqualTo("invalid_payload");
        LiveFixtures.assertNoStackTrace(
                signedIn.json().path("error").path("message").asText());
    }

    /** The status of a handshake the JDK's WebSocket client finds refused. */
    private static int refusal(Map<String, String> headers, String subprotocol) {
        Throwable failure = catchThrowable(() -> LiveClient.connectAsync(server.uri("/ws"), headers, subprotocol)
                .get(LiveClient.WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).as("the handshake must fail").isNotNull();
        Throwable cause =
                failure instanceof CompletionException || failure instanceof java.util.concurrent.ExecutionException
                        ? failure.getCause()
                        : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }
}
