package dev.parley.live;

import dev.parley.testing.ApiClient;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Several Parley instances in this JVM, each with its own HTTP server, data dir, hub, bus and
 * Redis connections, sharing only what separate processes share: one fresh PostgreSQL database,
 * one private redis-server and the signing key.
 */
final class InstancesFixture implements AutoCloseable {

    final RedisServer redis = RedisServer.start();
    final PostgresDatabase database = PostgresDatabase.create();
    final String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    final List<TestServer> instances = new ArrayList<>();
    final List<ApiClient> apis = new ArrayList<>();

    InstancesFixture(int count) {
        for (int i = 0; i < count; i++) {
            TestServer server =
                    TestServer.start(c -> c.withDatabaseUrl(database.url()).withRedis(redis.url(), secret));
            instances.add(server);
            apis.add(new ApiClient(server));
        }
    }

    TestServer instance(int i) {
        return instances.get(i);
    }

    ApiClient api(int i) {
        return apis.get(i);
    }

    @Override
    public void close() {
        instances.forEach(TestServer::close);
        redis.close();
        try {
            database.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
