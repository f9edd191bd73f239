package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a client sends to {@code /api/auth/*} that is not what the contract asks for is a 400
 * {@code invalid_payload}, never a 500 and never a half-made account. Nothing here registers, so
 * one server serves every case.
 */
class AuthApiBadInputIT {

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "ab",
                "abcdefghijklmnopqrstuvwxyz0123456",
                "al ice",
                "alice!",
                "ålice",
                "al/ice",
                "alice@example"
            })
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
    @ValueSource(
            strings = {
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

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"refreshToken\":7}", "[]", "nope"})
    void aMalformedRefreshIsAnInvalidPayload(String body) {
        Reply r = api.postRaw("/api/auth/refresh", null, body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_payload");
    }

    @Test
    void refusedRegistrationsLeaveNoAccountBehind() {
        api.post("/api/auth/register", null, Map.of("username", "alice", "password", "short"));

        Reply r = api.post("/api/auth/login", null, Map.of("username", "alice", "password", "short"));

        assertThat(r.status()).isEqualTo(401);
    }
}
