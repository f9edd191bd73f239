package dev.parley.chat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain's own time: typing expiry, the presence heartbeat and presence expiry, each every
 * {@link Timings#TICK} on a thread of its own, so that an instance expires typing and presence
 * with or without a server in front of it, and the transport only reacts to what they publish.
 *
 * <p>Why three threads: typing expiry and the heartbeat touch only the shared state (Redis), and
 * presence expiry also reads and writes the database. A stalled database must not stop the
 * heartbeat (every lease would lapse) nor typing expiry; a stalled Redis stalls them all, but no
 * thread of the transport. What time it is comes from the {@link java.time.Clock} given to
 * {@link Typing} and {@link Presence}; this class only decides when to look.
 */
public final class DomainClock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DomainClock.class);

    private final ScheduledExecutorService threads;

    private DomainClock(ScheduledExecutorService threads) {
        this.threads = threads;
    }

    /** Starts ticking every {@code tick}. */
    public static DomainClock start(Typing typing, Presence presence, Duration tick) {
        var count = new AtomicInteger();
        var threads = Executors.newScheduledThreadPool(3, r -> {
            var t = new Thread(r, "parley-domain-clock-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        var clock = new DomainClock(threads);
        clock.every(tick, "typing expiry", typing::expire);
        clock.every(tick, "presence heartbeat", presence::heartbeat);
        clock.every(tick, "presence expiry", presence::expire);
        return clock;
    }

    private void every(Duration tick, String what, Runnable work) {
        threads.scheduleWithFixedDelay(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        // A failed tick is retried at the next one; the schedule must survive it.
                        log.warn("{} failed: {}", what, e.toString());
                    }
                },
                tick.toMillis(),
                tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
