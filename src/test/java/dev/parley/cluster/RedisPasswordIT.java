package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.ClusterUnavailable;
import dev.parley.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Redis behind a password ({@code requirepass}), as docs/security.md asks operators to run it: {@code redis://:password@host:port}. */
class RedisPasswordIT {

    private static final byte[] SECRET = "a shared secret of more than 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServer.startWithPassword("s3cret-p@ss");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void busAndStateWorkThroughAPasswordInTheUrl() {
        try (Redis one = Redis.connect(server.url());
                Redis two = Redis.connect(server.url())) {
            var bus = new RedisEventBus(one, "pw:events", SECRET);
            var other = new RedisEventBus(two, "pw:events", SECRET);
            var got = new CopyOnWriteArrayList<ChatEvent>();
            other.subscribe(got::add);
            bus.publish(SampleEvents.message(1));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(got).containsExactly(SampleEvents.message(1)));
            assertThat(one.answering()).isTrue();
            assertThat(one.commands.sync().set("pw:key", "v")).isEqualTo("OK");
        }
    }

    @Test
    void withoutThePasswordParleyCannotConnect() {
        assertThatThrownBy(() -> Redis.connect(server.urlWithoutPassword()).close())
                .isInstanceOf(ClusterUnavailable.class)
                .hasMessageContaining("cannot reach Redis")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aWrongPasswordIsRefusedAndNotRepeatedInTheError() {
        String wrong = server.urlWithoutPassword().replace("redis://", "redis://:wrong-guess@");
        assertThatThrownBy(() -> Redis.connect(wrong).close())
                .isInstanceOf(ClusterUnavailable.class)
                .hasMessageNotContaining("wrong-guess");
    }
}
