package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/auth/register}, {@code /api/auth/login} and {@code /api/me}, each on a fresh server. */
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
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
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
        Reply wrongPassword =
                api.post("/api/auth/login", null, Map.of("username", "alice", "password", BOB.password()));

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

        assertThat(api.get("/api/me", alice.accessToken()).json().path("admin").asBoolean())
                .isTrue();
        assertThat(api.get("/api/me", bob.accessToken()).json().path("admin").asBoolean())
                .isFalse();
    }

    @Test
    void meWithoutATokenIs401() {
        Reply r = api.get("/api/me", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
    }
}
