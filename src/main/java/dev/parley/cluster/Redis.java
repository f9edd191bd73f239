package dev.parley.cluster;

import dev.parley.chat.ClusterUnavailable;
import dev.parley.util.Redaction;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's link to Redis: one connection for commands and publishing, one for
 * subscribing. Both reconnect on their own (and resubscribe), retrying every few hundred
 * milliseconds up to two seconds apart; while Redis is away, commands fail at once instead of
 * queueing, and a command Redis does not answer fails after {@link #TIMEOUT}.
 */
public final class Redis implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** How often Redis is asked whether it answers: a paused Redis keeps its sockets open and says nothing. */
    private static final long PROBE_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(Redis.class);

    private final ClientResources resources;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "parley-redis-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean answering = true;
    /** Told the round-trip time of every probe Redis answered, in nanoseconds. */
    private volatile java.util.function.LongConsumer roundTrips = nanos -> {};

    private final RedisClient client;
    public final StatefulRedisConnection<String, String> commands;
    public final StatefulRedisPubSubConnection<String, String> pubSub;
    /** For Bucket4j, which keeps its buckets' state as bytes. */
    final StatefulRedisConnection<String, byte[]> buckets;

    private Redis(String url) {
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(TIMEOUT)
                        .keepAlive(true)
                        .build())
                .build());
        this.commands = client.connect();
        this.pubSub = client.connectPubSub();
        this.buckets = client.connect(io.lettuce.core.codec.RedisCodec.of(
                io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE));
        probe.scheduleWithFixedDelay(this::probe, PROBE_MS, PROBE_MS, TimeUnit.MILLISECONDS);
    }

    /** Reports the round trip of each answered probe (every half second) to {@code listener}. */
    public void reportRoundTrips(java.util.function.LongConsumer listener) {
        this.roundTrips = listener;
    }

    /** Whether Redis answered its latest probe and both connections are up. */
    public boolean answering() {
        return answering && commands.isOpen() && pubSub.isOpen();
    }

    /**
     * Fails at once while Redis is known not to answer, so that an outage costs callers nothing
     * after it is noticed (within about a second), rather than a timeout per call.
     */
    void check() {
        if (!answering()) throw new ClusterUnavailable("Redis does not answer", null);
    }

    private void probe() {
        boolean was = answering;
        try {
            long sent = System.nanoTime();
            commands.async().ping().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            roundTrips.accept(System.nanoTime() - sent);
            answering = true;
        } catch (Exception e) {
            answering = false;
        } catch (Throwable e) {
            answering = false;
            throw e;
        }
        if (was && !answering)
            log.warn("Redis does not answer: this instance serves its own clients only until it does");
        if (!was && answering) log.info("Redis answers again");
    }

    /** Connects, or fails at once with the reason when Redis cannot be reached at start-up. */
    public static Redis connect(String url) {
        try {
            return new Redis(url);
        } catch (RuntimeException e) {
            throw new ClusterUnavailable(
                    "cannot reach Redis at " + Redaction.url(url) + ": " + Redaction.reason(e, url), e);
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
        pubSub.close();
        buckets.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
}
