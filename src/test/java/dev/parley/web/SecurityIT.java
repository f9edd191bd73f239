package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What protects users from other sites and from oversized or stray requests: the Origin check on
 * cookie-borne requests (Bearer requests are exempt), the body limit, and the API's own 404.
 */
class SecurityIT {

    private static final String EVIL = "https://evil.example";

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session aliceApi;

    private WebClient alice;
    private long room;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        aliceApi = api.register(ALICE);
        api.register(BOB);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void signIn() {
        alice = new WebClient(server).logIn(ALICE);
        room = api.createRoom(aliceApi, fresh("general"), false);
    }

    @Test
    void aCookieAuthenticatedApiPostFromAForeignOriginIs403AndChangesNothing() {
        Reply r = cookiePost("/api/rooms/" + room + "/messages", "{\"content\":\"forged\"}", EVIL);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
        assertThat(api.history(aliceApi, room, "")).isEmpty();
    }

    @Test
    void aCookieAuthenticatedApiPostFromOurOwnOriginIsAllowed() {
        Reply r = cookiePost(
                "/api/rooms/" + room + "/messages", "{\"content\":\"from the page\"}", server.base.toString());

        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void aBearerRequestIsExemptFromTheOriginCheck() {
        var req = api.request("/api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer " + aliceApi.accessToken())
                .header("Content-Type", "application/json")
                .header("Origin", EVIL)
                .POST(BodyPublishers.ofString("{\"content\":\"from a bot\"}"));

        assertThat(ApiClient.send(req).status()).isEqualTo(201);
    }

    @Test
    void aCrossSiteFetchWithoutAnOriginIsRefusedByFetchMetadata() {
        var req = api.request("/api/rooms/" + room + "/messages")
                .header("Cookie", "parley_at=" + alice.cookie("parley_at"))
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(BodyPublishers.ofString("{\"content\":\"forged\"}"));

        assertThat(ApiClient.send(req).status()).isEqualTo(403);
    }

    @Test
    void aCrossSiteFormPostWithCookiesIs403() {
        alice.withOrigin(EVIL);

        Reply post = alice.post("/rooms/" + room + "/messages", Map.of("content", "forged"));
        Reply create = alice.post("/rooms", Map.of("name", fresh("forged")));

        assertThat(post.status()).isEqualTo(403);
        assertThat(create.status()).isEqualTo(403);
        assertThat(api.history(aliceApi, room, "")).isEmpty();
    }

    @Test
    void aCrossSiteLogOutIs403AndTheSessionLives() {
        Reply r = alice.withOrigin(EVIL).post("/logout", Map.of());

        assertThat(r.status()).isEqualTo(403);
        assertThat(alice.get("/").status()).isEqualTo(200);
    }

    @Test
    void withAPublicUrlOnlyThatOriginMayPost() {
        try (var proxied = TestServer.start(c -> c.withPublicUrl(URI.create("https://chat.example.org")))) {
            var local = new WebClient(proxied);
            var viaProxy = new WebClient(proxied).withOrigin("https://chat.example.org");

            assertThat(local.post("/register", Map.of("username", "alice", "password", ALICE.password()))
                            .status())
                    .isEqualTo(403);
            assertThat(viaProxy.post("/register", Map.of("username", "alice", "password", ALICE.password()))
                            .status())
                    .isEqualTo(302);
        }
    }

    @Test
    void aBodyOver64KiBIs413() {
        String big = "{\"content\":\"" + "x".repeat(64 * 1024) + "\"}";

        Reply r = api.postRaw("/api/rooms/" + room + "/messages", aliceApi.accessToken(), big);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
    }

    @Test
    void aBodyOver64KiBWithoutAContentLengthIs413Too() {
        byte[] big = ("{\"content\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes();
        var req = api.request("/api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer " + aliceApi.accessToken())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        Reply r = ApiClient.send(req);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
    }

    @Test
    void aBodyJustUnder64KiBIsReadAndJudgedOnItsContent() {
        String body = "{\"content\":\"" + "x".repeat(60 * 1024) + "\"}";

        Reply r = api.postRaw("/api/rooms/" + room + "/messages", aliceApi.accessToken(), body);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("message").asText()).contains("4000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/nothing",
                "/api/rooms/1/nothing",
                "/api/auth/nothing",
                "/api/me/more",
                "/api/rooms/1/messages/2"
            })
    void anUnknownApiRouteIs404InTheJsonShape(String path) {
        Reply get = api.get(path, aliceApi.accessToken());
        Reply post = api.post(path, aliceApi.accessToken(), Map.of());

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.errorCode()).isEqualTo("not_found");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aRouteAskedWithTheWrongMethodIs404InTheJsonShape() {
        Reply getLogin = api.get("/api/auth/login", null);

        assertThat(getLogin.status()).isEqualTo(404);
        assertThat(getLogin.errorCode()).isEqualTo("not_found");
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            Reply r = ApiClient.send(api.request("/api/rooms/" + room)
                    .header("Authorization", "Bearer " + aliceApi.accessToken())
                    .method(method, BodyPublishers.ofString("{}")));
            assertThat(r.status()).as(method).isEqualTo(404);
            assertThat(r.errorCode()).as(method).isEqualTo("not_found");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/me", "/login", "/", "/healthz", "/nowhere"})
    void traceNeverEchoesTheCookiesBack(String path) {
        Reply r = ApiClient.send(api.request(path)
                .header("Cookie", "parley_at=" + alice.cookie("parley_at"))
                .method("TRACE", BodyPublishers.noBody()));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).doesNotContain(alice.cookie("parley_at"));
    }

    @Test
    void errorsNeverLeakAStackTrace() {
        Reply r = api.postRaw("/api/auth/register", null, "{\"username\":");

        assertThat(r.body()).doesNotContain("Exception", "at dev.parley", "jackson");
    }

    private Reply cookiePost(String path, String json, String origin) {
        var req = api.request(path)
                .header("Cookie", "parley_at=" + alice.cookie("parley_at") + "; parley_rt=" + alice.cookie("parley_rt"))
                .header("Content-Type", "application/json")
                .header("Origin", origin)
                .POST(BodyPublishers.ofString(json));
        return ApiClient.send(req);
    }
}
