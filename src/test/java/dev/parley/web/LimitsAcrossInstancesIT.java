package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.Rate;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Person;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.RedisServer;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With Redis, a limit is one allowance whichever instance a request lands on: a second instance gives a guesser nothing more. */
class LimitsAcrossInstancesIT {

    static RedisServer redis;
    static PostgresDatabase database;
    static TestServer one;
    static TestServer two;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        database = PostgresDatabase.create();
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            TestServer s = TestServer.start(c -> c.withDatabaseUrl(database.url())
                    .withRedis(redis.url(), secret)
                    .withTrustedProxies(List.of("127.0.0.1", "::1"))
                    .withLimits(c.limits()
                            .withMessages(new Rate(1, java.time.Duration.ofMinutes(1), 4))
                            .withSocketOpenings(new Rate(1, java.time.Duration.ofMinutes(1), 4))));
            if (i == 0) one = s;
            else two = s;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        one.close();
        two.close();
        redis.close();
        database.close();
    }

    @Test
    void aSecondInstanceAcceptsNoMoreGuessesForTheSameNameAndAddress() {
        var first = new ApiClient(one);
        var second = new ApiClient(two);
        first.register(ALICE);
        for (int i = 0; i < 10; i++)
            assertThat(LoginThrottleIT.logIn(first, "guess-" + i, LoginThrottleIT.GUESSER)
                            .status())
                    .isEqualTo(401);
        assertThat(LoginThrottleIT.logIn(second, "guess-10", LoginThrottleIT.GUESSER)
                        .status())
                .isEqualTo(429);
        assertThat(LoginThrottleIT.logIn(second, ALICE.password(), LoginThrottleIT.OWNER)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void messagesCountOnceAcrossInstances() {
        var first = new ApiClient(one);
        var second = new ApiClient(two);
        var bob =
                first.register(new Person("bob-" + UUID.randomUUID().toString().substring(0, 8), "bob-secret-22"));
        long room = first.createRoom(bob, ApiClient.fresh("shared"), false);
        for (int i = 0; i < 2; i++)
            assertThat(first.postMessage(bob, room, "on one " + i, null).status())
                    .isEqualTo(201);
        for (int i = 0; i < 2; i++)
            assertThat(second.postMessage(bob, room, "on two " + i, null).status())
                    .isEqualTo(201);
        Reply fifth = first.postMessage(bob, room, "one too many", null);
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.header("Retry-After")).isPresent();
        assertThat(second.postMessage(bob, room, "one too many", null).status()).isEqualTo(429);
    }

    @Test
    void socketsOpenedCountOnceAcrossInstances() {
        var carol = new ApiClient(one)
                .register(new Person("carol-" + UUID.randomUUID().toString().substring(0, 8), "carol-secret-22"));
        for (TestServer instance : List.of(one, two, one, two)) {
            try (var socket = LiveClient.json(instance, carol.accessToken()).ready()) {
                // Opened and closed again: only how fast they are opened counts here.
            }
        }
        for (TestServer instance : List.of(one, two)) {
            var refused = LiveFixtures.rawGet(
                    instance, "/ws", true, java.util.Map.of("Authorization", "Bearer " + carol.accessToken()));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("rate_limited");
        }
    }
}
