package dev.parley.web;

import static dev.parley.testing.ApiClient.fresh;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same server on PostgreSQL instead of SQLite: a representative slice of the API and pages —
 * accounts, rooms, posting, history, idempotent retries, private rooms — in a fresh database.
 */
class PostgresApiIT {

    private static PostgresDatabase database;
    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static ApiClient.Session bob;

    @BeforeAll
    static void start() {
        database = PostgresDatabase.create();
        server = TestServer.start(c -> c.withDatabaseUrl(database.url()));
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            database.close();
        }
    }

    @Test
    void twoSimultaneousStartsOfOneGroupMakeOneConversation() throws Exception {
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            // A new set of people each round, started by two of them at the same moment.
            var third = api.register(new dev.parley.testing.Person("third-" + round, "third-secret-" + round));
            var starts = Map.of(
                    alice, List.of(bob.username(), third.username()),
                    third, List.of(alice.username(), bob.username()));
            var go = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var pending = new java.util.ArrayList<java.util.concurrent.Future<Reply>>();
                starts.forEach((starter, names) -> pending.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/rooms/group", starter.accessToken(), Map.of("usernames", names));
                })));
                go.countDown();
                Reply one = pending.get(0).get();
                Reply other = pending.get(1).get();

                assertThat(List.of(one.status(), other.status()))
                        .as("%s / %s", one, other)
                        .containsExactlyInAnyOrder(200, 201);
                assertThat(one.json().path("id").asLong())
                        .isEqualTo(other.json().path("id").asLong());
            } finally {
                pool.shutdownNow();
            }
        }
        long groups = StreamSupport.stream(
                        api.get("/api/rooms", alice.accessToken()).json().spliterator(), false)
                .filter(r -> r.path("kind").asText().equals("group"))
                .count();
        assertThat(groups).isEqualTo(rounds);
    }

    @Test
    void registeringTheSameNameInAnotherCaseIs409() {
        Reply r = api.post("/api/auth/register", null, Map.of("username", "ALICE", "password", "another-password"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("conflict");
    }

    @Test
    void logInAndRefreshWork() {
        var again = api.login(ALICE);

        Reply refreshed = api.post("/api/auth/refresh", null, Map.of("refreshToken", again.refreshToken()));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api.get("/api/me", refreshed.json().path("accessToken").asText())
                        .json()
                        .path("username")
                        .asText())
                .isEqualTo("alice");
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", again.refreshToken()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void postingAndReadingHistoryPagesBySeq() {
        long room = api.createRoom(alice, fresh("general"), false);
        api.join(bob, room);
        for (int i = 1; i <= 7; i++) api.say(i % 2 == 0 ? bob : alice, room, "m" + i);

        assertThat(seqs(api.history(bob, room, ""))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(seqs(api.history(bob, room, "?before=6&limit=3"))).containsExactly(3L, 4L, 5L);
        JsonNode last = api.history(bob, room, "?limit=1").get(0);
        assertThat(last.path("content").asText()).isEqualTo("m7");
        assertThat(last.path("user").path("username").asText()).isEqualTo("alice");
    }

    @Test
    void aRetryWithTheSameClientIdReturnsTheFirstMessage() {
        long room = api.createRoom(alice, fresh("retry"), false);
        Reply first = api.postMessage(alice, room, "once", "c-pg-1");

        Reply retry = api.postMessage(alice, room, "once", "c-pg-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("id").asLong())
                .isEqualTo(first.json().path("id").asLong());
        assertThat(api.history(alice, room, "")).hasSize(1);
    }

    @Test
    void contentOverTheLimitIs413AndAPrivateRoomIsHidden() {
        long secret = api.createRoom(alice, fresh("secret"), true);

        Reply big = api.postMessage(alice, secret, "x".repeat(4001), null);
        Reply peek = api.get("/api/rooms/" + secret + "/messages", bob.accessToken());

        assertThat(big.status()).isEqualTo(413);
        assertThat(peek.status()).isEqualTo(404);
        api.addMember(alice, secret, BOB);
        assertThat(api.get("/api/rooms/" + secret + "/messages", bob.accessToken())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDirectRoomIsOnePerPair() {
        long one = api.post("/api/rooms/direct", alice.accessToken(), Map.of("username", "bob"))
                .json()
                .path("id")
                .asLong();
        long other = api.post("/api/rooms/direct", bob.accessToken(), Map.of("username", "alice"))
                .json()
                .path("id")
                .asLong();

        assertThat(other).isEqualTo(one);
    }

    @Test
    void theRoomPageShowsWhatWasPosted() {
        long room = api.createRoom(alice, fresh("page"), false);
        api.say(alice, room, "rendered from postgres");
        var browser = new WebClient(server).logIn(ALICE);

        Reply page = browser.get("/rooms/" + room);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("[role=log] li.message .body").text()).isEqualTo("rendered from postgres");
    }

    private static List<Long> seqs(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.path("seq").asLong())
                .toList();
    }
}
