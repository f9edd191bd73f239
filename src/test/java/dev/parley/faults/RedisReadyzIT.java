package dev.parley.faults;

import static dev.parley.testing.LiveFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ApiClient;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.RedisServer;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An instance among several whose Redis stops says so on {@code /readyz} (still 200: it serves its
 * own clients), naming Redis and not the database, and {@code ok} once Redis is back; the
 * metrics show the bus's state and Redis's round trips meanwhile.
 */
class RedisReadyzIT {

    private static final String SECRET = "redis-readyz-shared-secret-0123456789";

    @Test
    void readyzNamesRedisWhileItIsStoppedAndSaysOkOnceItIsBack() throws Exception {
        try (var database = PostgresDatabase.create();
                var redis = RedisServer.start();
                var server =
                        TestServer.start(c -> c.withDatabaseUrl(database.url()).withRedis(redis.url(), SECRET))) {
            var api = new ApiClient(server);
            assertThat(readyz(api).body()).isEqualTo("ok\n");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> metric(server, "parley_redis_round_trip_seconds_count") > 0);
            assertThat(metric(server, "parley_bus_connected")).isEqualTo(1);

            redis.kill();
            await().atMost(Duration.ofSeconds(5)).until(() -> readyz(api).body().startsWith("degraded"));
            Reply degraded = readyz(api);
            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.body())
                    .isEqualTo("degraded\ndatabase: ok\nredis: unreachable, events do not reach other instances\n");
            assertThat(metric(server, "parley_bus_connected")).isEqualTo(0);
            assertThat(ApiClient.send(api.request("/healthz").GET()).body()).isEqualTo("ok\n");

            redis.restart();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> readyz(api).body().equals("ok\n"));
        }
    }

    private static Reply readyz(ApiClient api) {
        return ApiClient.send(
                api.request("/readyz").timeout(Duration.ofSeconds(2)).GET());
    }
}
