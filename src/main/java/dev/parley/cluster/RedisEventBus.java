package dev.parley.cluster;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventBus;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of an instance among several: Redis pub/sub on one channel.
 *
 * <p>An event reaches this instance's own subscribers at once, on the publisher's thread, as on
 * {@link LocalEventBus}, so an instance keeps serving its own clients while Redis is away.
 * Other instances get it over Redis, at most once: whatever is published while Redis is down or
 * paused, or while a subscriber reconnects, is lost, and the rooms' {@code seq} is what heals
 * it. Events from Redis are handed to subscribers on one thread of their own, in arrival order,
 * never on Lettuce's I/O thread, since a subscriber may read the database to fill a gap.
 *
 * <p>At most {@link #INBOUND_LIMIT} events from Redis wait for that thread; beyond, new arrivals
 * are dropped and counted, as Redis itself would drop them for a slow subscriber. A dropped
 * message heals like any lost one: by the seq gap the next message shows, or by the tail heal.
 *
 * <p>Nothing from Redis is trusted: each message carries a {@link BusSeal} tag, and one without
 * a valid tag is dropped (counted, and logged on the first and every thousandth). A message's
 * HTML is never taken from Redis: it is made again from the text on arrival, as the posting
 * instance made it, so even a publisher holding the key cannot put markup into pages.
 */
public final class RedisEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);

    private final Redis redis;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final EventCodec codec = new EventCodec();
    private final List<Consumer<ChatEvent>> subscribers = new CopyOnWriteArrayList<>();
    static final int INBOUND_LIMIT = 10_000;

    private final java.util.concurrent.atomic.AtomicLong inboundDropped = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService inbound;
    private final java.util.concurrent.atomic.AtomicLong publishFailures = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final BusSeal seal;

    /** A bus on {@code channel}, authenticating its messages with a key derived from {@code sharedSecret} (JWT_SECRET). */
    public RedisEventBus(Redis redis, String channel, byte[] sharedSecret) {
        this(redis, channel, sharedSecret, INBOUND_LIMIT);
    }

    /** With another bound on the events from Redis that may wait: tests fill it without sending ten thousand. */
    RedisEventBus(Redis redis, String channel, byte[] sharedSecret, int inboundLimit) {
        this.redis = redis;
        this.channel = channel;
        this.seal = BusSeal.forChannel(sharedSecret, channel);
        this.inbound = new java.util.concurrent.ThreadPoolExecutor(
                1,
                1,
                0,
                java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(inboundLimit),
                daemon("parley-bus-in"),
                (task, pool) -> dropInbound());
        redis.pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String text) {
                if (channel.equals(from)) inbound.execute(() -> received(text));
            }
        });
        redis.pubSub.sync().subscribe(channel);
    }

    @Override
    public void publish(ChatEvent event) {
        dispatch(event);
        try {
            redis.commands
                    .async()
                    .publish(channel, seal.seal(codec.encode(instance, event)))
                    .whenComplete((receivers, failure) -> {
                        if (failure != null) failedToPublish(failure);
                    });
        } catch (RuntimeException e) {
            failedToPublish(e);
        }
    }

    @Override
    public Subscription subscribe(Consumer<ChatEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public boolean connected() {
        return redis.answering();
    }

    @Override
    public boolean spansInstances() {
        return true;
    }

    /** How many messages were dropped for lacking a valid tag since this bus started. */
    public long refused() {
        return refused.get();
    }

    private void received(String sealed) {
        var text = seal.open(sealed);
        if (text.isEmpty()) {
            long n = refused.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                log.warn(
                        "dropped a message on {} without a valid tag ({} so far): something other than a Parley instance sharing this JWT_SECRET publishes on this Redis",
                        channel,
                        n);
            }
            return;
        }
        try {
            var envelope = codec.decode(text.get());
            if (!instance.equals(envelope.from())) dispatch(TrustedMarkup.of(envelope.event()));
        } catch (IllegalArgumentException e) {
            log.warn("ignored a message on {}: {}", channel, e.getMessage());
        }
    }

    private void dispatch(ChatEvent event) {
        for (var subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                log.error("subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    private void dropInbound() {
        if (inboundDropped.getAndIncrement() % 1000 == 0)
            log.warn("dropped events from Redis: the bus's thread is that far behind; rooms heal from the database");
    }

    /** Events from Redis dropped because {@link #INBOUND_LIMIT} were waiting. */
    public long droppedInbound() {
        return inboundDropped.get();
    }

    private void failedToPublish(Throwable failure) {
        if (publishFailures.getAndIncrement() % 1000 == 0)
            log.warn("cannot publish to Redis ({}); other instances will heal from the database", failure.toString());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            var t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        inbound.shutdown();
    }
}
