package dev.parley.store;

import dev.parley.chat.DuplicateException;
import dev.parley.util.Redaction;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the database takes writes now, as seen from the latest writes that finished (real ones
 * and a probe that rewrites one row every second) and from how long the probe has been waiting.
 * Reading it never touches the database, so a health check answers at once however stuck the
 * database is.
 */
public final class WriteHealth implements AutoCloseable {

    /** What readiness says: ready or not, and in words what is wrong. */
    public record State(boolean ready, String reason) {}

    /** A write waiting this long counts as failing: a held lock or an unreachable server. */
    static final Duration STUCK = Duration.ofSeconds(2);

    static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final LongSupplier nanos;
    private volatile long probeSince = -1;
    private volatile String lastFailure;
    private volatile ScheduledExecutorService prober;

    WriteHealth(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Starts rewriting the probe row every {@link #PROBE_EVERY} through {@code jdbc}, on a thread of its own. */
    void startProbing(Jdbc jdbc) {
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "parley-write-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(() -> probe(jdbc), 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(Jdbc jdbc) {
        probeSince = nanos.getAsLong();
        try {
            // Its own outcome is recorded by the transaction, like any write's.
            jdbc.tx(c ->
                    Jdbc.update(c, "UPDATE write_probe SET written_at = ? WHERE id = 1", System.currentTimeMillis()));
        } catch (RuntimeException e) {
            // Recorded already.
        } finally {
            probeSince = -1;
        }
    }

    void succeeded() {
        lastFailure = null;
    }

    void failed(RuntimeException e) {
        if (e instanceof DuplicateException) {
            succeeded(); // a refused duplicate is the database working as asked
            return;
        }
        lastFailure = Redaction.firstLine(e.getMessage());
    }

    public State state() {
        long since = probeSince;
        if (since >= 0 && nanos.getAsLong() - since > STUCK.toNanos()) {
            return new State(
                    false,
                    "database writes wait over " + STUCK.toSeconds()
                            + " s (locked by another process, or the server is unreachable)");
        }
        String failure = lastFailure;
        return failure == null ? new State(true, "ok") : new State(false, "database writes fail: " + failure);
    }

    @Override
    public void close() {
        if (prober == null) return;
        // A probe caught mid-write must give its connection back before the pool closes: an SQLite
        // connection left open keeps the file's write lock from whoever opens it next.
        prober.shutdown();
        try {
            prober.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
