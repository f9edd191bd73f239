package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.MutableClock;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A session over its life through the API: refresh-token rotation, the grace window for racing
 * tabs, family revocation on replay, expiry, logout. The server runs on a clock the test moves.
 */
class SessionsApiIT {

    private final MutableClock clock = MutableClock.now();
    private TestServer server;
    private ApiClient api;
    private ApiClient.Session alice;

    @BeforeEach
    void start() {
        server = TestServer.start(UnaryOperator.identity(), clock);
        api = new ApiClient(server);
        alice = api.register(ALICE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refreshRotatesBothTokens() {

        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(r.status()).isEqualTo(200);
        var next = ApiClient.Session.of(r.json());
        assertThat(next.userId()).isEqualTo(alice.userId());
        assertThat(next.username()).isEqualTo("alice");
        assertThat(next.refreshToken()).isNotBlank().isNotEqualTo(alice.refreshToken());
        assertThat(next.accessToken()).isNotBlank();
        assertThat(r.json().path("expiresIn").asLong()).isPositive();
        assertThat(api.get("/api/me", next.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", next.refreshToken()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSpentRefreshTokenReusedWithinTheGraceWindowIs401AndTheSessionLives() {
        var next =
                ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()))
                        .json());

        Reply reuse = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("unauthorized");
        // A racing second tab is not a thief: its session goes on.
        assertThat(api.get("/api/me", next.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", next.refreshToken()))
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-refresh-token", "eyJhbGciOiJIUzI1NiJ9.e30.x"})
    void anUnknownRefreshTokenIs401(String token) {
        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", token));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void logoutAnswers204AndRefusesBothTokensAfterwards() {

        Reply r = api.post("/api/auth/logout", alice.accessToken(), Map.of());

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        Reply me = api.get("/api/me", alice.accessToken());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.errorCode()).isEqualTo("unauthorized");
        Reply refresh = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void logoutEndsOnlyThatSession() {
        var phone = alice;
        var laptop = api.login(ALICE);

        api.post("/api/auth/logout", phone.accessToken(), Map.of());

        assertThat(api.get("/api/me", phone.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/me", laptop.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithoutATokenIs401() {
        Reply r = api.post("/api/auth/logout", null, Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void aTokenIssuedByAServerWhoseClockWasAnHourBehindIs401() {
        clock.advance(Duration.ofHours(-1));
        var stale = api.login(ALICE);

        assertRefused(stale.accessToken());
    }

    @Test
    void aSpentRefreshTokenReplayedAfterTheGraceWindowRevokesTheWholeSession() {
        var rotated =
                ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()))
                        .json());
        clock.advance(Duration.ofSeconds(21));

        Reply replay = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("unauthorized");
        // Only a thief holds a token spent that long ago: every token of the family is now dead.
        assertRefused(rotated.accessToken());
        assertRefused(alice.accessToken());
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", rotated.refreshToken()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void replayingASpentRefreshTokenLeavesOtherSessionsAlone() {
        var laptop = api.login(ALICE);
        api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));
        clock.advance(Duration.ofSeconds(21));

        api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(api.get("/api/me", laptop.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredRefreshTokenIs401() {
        clock.advance(Duration.ofDays(31));

        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    private void assertRefused(String token) {
        Reply r = api.get("/api/me", token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }
}
