package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.render.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Speaks Parley's JSON API to one test server the way a bot or a script would: Bearer tokens, JSON bodies. */
public final class ApiClient {

    /** Redirects are never followed, so tests see the 302 and its cookies themselves. */
    public static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Who a token speaks for, as the register and login answers say. */
    public record Session(long userId, String username, String accessToken, String refreshToken) {
        public static Session of(JsonNode tokens) {
            return new Session(
                    tokens.path("user").path("id").asLong(),
                    tokens.path("user").path("username").asText(),
                    tokens.path("accessToken").asText(),
                    tokens.path("refreshToken").asText());
        }
    }

    private static final AtomicInteger ROOMS = new AtomicInteger();

    private final URI base;

    public ApiClient(TestServer server) {
        this(server.base);
    }

    /** A client of a server started some other way (a separate process). */
    public ApiClient(java.net.URI base) {
        this.base = base;
    }

    /** A room name no other test on a shared server uses: "general" becomes "general-7". */
    public static String fresh(String name) {
        return name + "-" + ROOMS.incrementAndGet();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    public Reply get(String path, String token) {
        var req = request(path).GET();
        if (token != null) req.header("Authorization", "Bearer " + token);
        return send(req);
    }

    /** Posts {@code body} written as JSON (a Map, a List, a record...). */
    public Reply post(String path, String token, Object body) {
        return postRaw(path, token, Json.write(body));
    }

    /** Posts exactly these characters as an application/json body. */
    public Reply postRaw(String path, String token, String body) {
        var req = request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
        if (token != null) req.header("Authorization", "Bearer " + token);
        return send(req);
    }

    public static Reply send(HttpRequest.Builder req) {
        HttpRequest request = req.build();
        try {
            try {
                return reply(HTTP.send(request, BodyHandlers.ofString()));
            } catch (IOException e) {
                // A kept-alive connection the server had already closed (after refusing an earlier
                // body unread): nothing of this request reached it, so browsers send it again on a
                // fresh connection, and so do we, once. The JDK client retries only GETs by itself.
                if (!String.valueOf(e.getMessage()).contains("header parser received no bytes")) throw e;
                return reply(HTTP.send(request, BodyHandlers.ofString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(java.net.http.HttpResponse<String> res) {
        return new Reply(res.statusCode(), res.headers(), res.body());
    }

    public Session register(Person p) {
        Reply r = post("/api/auth/register", null, Map.of("username", p.username(), "password", p.password()));
        assertThat(r.status()).as("register %s: %s", p.username(), r).isEqualTo(201);
        return Session.of(r.json());
    }

    public Session login(Person p) {
        Reply r = post("/api/auth/login", null, Map.of("username", p.username(), "password", p.password()));
        assertThat(r.status()).as("login %s: %s", p.username(), r).isEqualTo(200);
        return Session.of(r.json());
    }

    public long createRoom(Session owner, String name, boolean isPrivate) {
        Reply r = post("/api/rooms", owner.accessToken(), Map.of("name", name, "private", isPrivate));
        assertThat(r.status()).as("create room %s: %s", name, r).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    public void join(Session who, long roomId) {
        Reply r = post("/api/rooms/" + roomId + "/join", who.accessToken(), Map.of());
        assertThat(r.status()).as("join %d: %s", roomId, r).isEqualTo(200);
    }

    public void addMember(Session actor, long roomId, Person added) {
        Reply r = post("/api/rooms/" + roomId + "/members", actor.accessToken(), Map.of("username", added.username()));
        assertThat(r.status()).as("add %s: %s", added.username(), r).isEqualTo(204);
    }

    public Reply postMessage(Session author, long roomId, String content, String clientId) {
        return post(
                "/api/rooms/" + roomId + "/messages",
                author.accessToken(),
                clientId == null ? Map.of("content", content) : Map.of("content", content, "clientId", clientId));
    }

    public JsonNode say(Session author, long roomId, String content) {
        Reply r = postMessage(author, roomId, content, null);
        assertThat(r.status()).as("post to %d: %s", roomId, r).isEqualTo(201);
        return r.json();
    }

    public JsonNode history(Session viewer, long roomId, String query) {
        Reply r = get("/api/rooms/" + roomId + "/messages" + query, viewer.accessToken());
        assertThat(r.status()).as("history of %d%s: %s", roomId, query, r).isEqualTo(200);
        return r.json();
    }
}
