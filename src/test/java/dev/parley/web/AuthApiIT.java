package dev.parley.web;

import static dev.parley.web.Person.ALICE;
import static dev.parley.web.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/auth/*} and {@code /api/me}: signing up, in and out as a programmatic client. */
class AuthApiIT {

    private TestServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerAnswers201WithTokensAndTheUser() {
        Reply r = api.post("/api/auth/register", null, Map.of("username", "alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = r.json();
        assertThat(body.path("accessToken").asText()).isNotBlank();
        assertThat(body.path("refreshToken").asText()).isNotBlank();
        assertThat(body.path("expiresIn").isIntegralNumber()).isTrue();
        assertThat(body.path("expiresIn").asLong()).isPositive();
        assertThat(body.path("user").path("id").isIntegralNumber()).isTrue();
        assertThat(body.path("user").path("username").asText()).isEqualTo("alice");
    }

    @Test
    void usernamesAreFoldedToLowercase() {
        Reply r = api.post("/api/auth/register", null, Map.of("username", "Alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("user").path("username").asText()).isEqualTo("alice");
    }

    @Test
    void duplicateUsernameInAnyCaseIs409() {
        api.register(ALICE);

        for (String name : new String[] {"alice", "ALICE", "aLiCe"}) {
            Reply r = api.post("/api/auth/register", null, Map.of("username", name, "password", "another-password"));
            assertThat(r.status()).as(name).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("conflict");
        }
    }

    @Test
    void usernamesAtTheEdgesOfTheRulesAreAccepted() {
        for (String name : new String[] {"abc", "a".repeat(32), "a_b.c-d9"}) {
            Reply r = api.post("/api/auth/register", null, Map.of("username", name, "password", "long-enough-1"));
            assertThat(r.status()).as(name + ": " + r).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ab", "abcdefghijklmnopqrstuvwxyz0123456", "al ice", "alice!", "ålice", "al/ice", "alice@example"})
    void usernamesBreakingTheRulesAreInvalid(String name) {
        Reply r = api.post("/api/auth/register", null, Map.of("username", name, "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void aShortPasswordIsInvalid() {
        Reply r = api.post("/api/auth/register", null, Map.of("username", "alice", "password", "short"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{\"username\":\"alice\",",
        "[]",
        "\"alice\"",
        "42",
        "null",
        "{}",
        "{\"username\":\"alice\"}",
        "{\"password\":\"alice-secret-1\"}",
        "{\"username\":null,\"password\":\"alice-secret-1\"}",
        "{\"username\":42,\"password\":\"alice-secret-1\"}",
        "{\"username\":\"alice\",\"password\":12345678}",
        "{\"username\":[\"alice\"],\"password\":\"alice-secret-1\"}",
        "{\"username\":{\"name\":\"alice\"},\"password\":\"alice-secret-1\"}",
        "{\"username\":\"alice\",\"password\":true}"
    })
    void malformedRegistrationsAreInvalidPayloads(String body) {
        Reply r = api.postRaw("/api/auth/register", null, body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
        assertThat(r.json().path("error").path("message").isTextual()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "{}", "{\"username\":\"alice\"}", "{\"username\":1,\"password\":2}"})
    void malformedLoginsAreInvalidPayloads(String body) {
        Reply r = api.postRaw("/api/auth/login", null, body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void loginAnswers200WithTheSameShape() {
        var registered = api.register(ALICE);

        Reply r = api.post("/api/auth/login", null, Map.of("username", "alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("user").path("id").asLong()).isEqualTo(registered.userId());
        assertThat(body.path("user").path("username").asText()).isEqualTo("alice");
        assertThat(body.path("accessToken").asText()).isNotBlank().isNotEqualTo(registered.accessToken());
        assertThat(body.path("refreshToken").asText()).isNotBlank().isNotEqualTo(registered.refreshToken());
        assertThat(body.path("expiresIn").asLong()).isPositive();
    }

    @Test
    void loginIgnoresTheCaseOfTheUsername() {
        api.register(ALICE);

        Reply r = api.post("/api/auth/login", null, Map.of("username", "ALICE", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user").path("username").asText()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordIs401() {
        api.register(ALICE);

        Reply r = api.post("/api/auth/login", null, Map.of("username", "alice", "password", BOB.password()));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void unknownUserIs401WithTheSameBodyAsAWrongPassword() {
        api.register(ALICE);
        Reply wrongPassword = api.post("/api/auth/login", null, Map.of("username", "alice", "password", BOB.password()));

        Reply unknown = api.post("/api/auth/login", null, Map.of("username", "bob", "password", BOB.password()));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void meNamesTheTokensOwner() {
        var alice = api.register(ALICE);

        Reply r = api.get("/api/me", alice.accessToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asLong()).isEqualTo(alice.userId());
        assertThat(r.json().path("username").asText()).isEqualTo("alice");
        assertThat(r.json().path("status").asText()).isNotBlank();
    }

    @Test
    void theFirstUserIsAnAdminAndTheNextIsNot() {
        var alice = api.register(ALICE);
        var bob = api.register(BOB);

        assertThat(api.get("/api/me", alice.accessToken()).json().path("admin").asBoolean()).isTrue();
        assertThat(api.get("/api/me", bob.accessToken()).json().path("admin").asBoolean()).isFalse();
    }

    @Test
    void meWithoutATokenIs401() {
        Reply r = api.get("/api/me", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void refreshRotatesBothTokens() {
        var alice = api.register(ALICE);

        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(r.status()).isEqualTo(200);
        var next = ApiClient.Session.of(r.json());
        assertThat(next.userId()).isEqualTo(alice.userId());
        assertThat(next.username()).isEqualTo("alice");
        assertThat(next.refreshToken()).isNotBlank().isNotEqualTo(alice.refreshToken());
        assertThat(next.accessToken()).isNotBlank();
        assertThat(r.json().path("expiresIn").asLong()).isPositive();
        assertThat(api.get("/api/me", next.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", next.refreshToken())).status()).isEqualTo(200);
    }

    @Test
    void aSpentRefreshTokenReusedWithinTheGraceWindowIs401AndTheSessionLives() {
        var alice = api.register(ALICE);
        var next = ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken())).json());

        Reply reuse = api.post("/api/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("unauthorized");
        // A racing second tab is not a thief: its session goes on.
        assertThat(api.get("/api/me", next.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", next.refreshToken())).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-refresh-token", "eyJhbGciOiJIUzI1NiJ9.e30.x"})
    void anUnknownRefreshTokenIs401(String token) {
        api.register(ALICE);

        Reply r = api.post("/api/auth/refresh", null, Map.of("refreshToken", token));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"refreshToken\":7}", "[]", "nope"})
    void aMalformedRefreshIsAnInvalidPayload(String body) {
        Reply r = api.postRaw("/api/auth/refresh", null, body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void logoutAnswers204AndRefusesBothTokensAfterwards() {
        var alice = api.register(ALICE);

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
        var phone = api.register(ALICE);
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
}
