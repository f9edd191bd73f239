package dev.parley.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/**
 * Redis clients whose connections fail fast instead of waiting: a command gets an answer or an
 * exception within {@link #TIMEOUT}. A lost connection reconnects by itself; until it has, commands
 * are refused at once rather than queued, and commands in flight when it broke are failed, not
 * replayed later behind the caller's back.
 */
public final class RedisConnections {

    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private RedisConnections() {}

    /** An unconnected client for {@code redis://host:port}; the caller shuts it down. */
    public static RedisClient client(String redisUrl) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
        return client;
    }
}
