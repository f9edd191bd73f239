package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.chat.ClusterUnavailable;
import dev.parley.testing.RedisServer;
import java.time.Duration;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A private redis-server for one test class, with two connections to it, as two instances would
 * have. Tests share the server, not state: each takes a fresh key prefix.
 */
final class SharedRedis implements AutoCloseable {

    /** How soon a call must fail while Redis is away: the client's timeout, and some slack. */
    static final Duration FAST = Redis.TIMEOUT.plusMillis(500);

    final RedisServer server;
    /** Two instances' links. */
    final Redis one;

    final Redis two;

    private SharedRedis(RedisServer server) {
        this.server = server;
        this.one = Redis.connect(server.url());
        this.two = Redis.connect(server.url());
    }

    static SharedRedis start() {
        return new SharedRedis(RedisServer.start());
    }

    static String freshPrefix() {
        return "test-" + UUID.randomUUID() + ":";
    }

    /** Waits until both connections answer, after the server came back. */
    void awaitAnswering() {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> one.commands.sync().ping().equals("PONG")
                        && two.commands.sync().ping().equals("PONG")
                        && one.answering()
                        && two.answering());
    }

    static void assertFailsFast(ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(ClusterUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Override
    public void close() {
        one.close();
        two.close();
        server.close();
    }
}
