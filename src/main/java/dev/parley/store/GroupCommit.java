package dev.parley.store;

import dev.parley.chat.StoreException;
import dev.parley.util.Futures;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions that wait in line and commit together. SQLite writes one transaction at a time,
 * and each commit waits for a disk sync (about a millisecond here): one writer thread takes every
 * transaction queued meanwhile, runs each inside a savepoint of one database transaction, and
 * commits them with a single sync. Alone, a transaction commits at once; under load, groups
 * grow by themselves. A transaction that fails is rolled back to its savepoint and fails alone.
 *
 * <p>Callers need not wait: {@link #txAsync} returns at once, and its future completes once the
 * work is durable. Futures complete on one thread of their own, in commit order, so what callers
 * do after their commit (publish, acknowledge) keeps the order of their transactions and overlaps
 * with the next group's disk sync instead of delaying it. At most {@link #MAX_QUEUED} transactions
 * wait: beyond that, {@code txAsync} waits for room, so that a server taking sends faster than
 * its disk commits them slows its readers down instead of queueing without end.
 */
final class GroupCommit implements Transactions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_GROUP = 256;
    static final int MAX_QUEUED = 8 * MAX_GROUP;

    private record Pending<T>(Jdbc.Work<T> work, CompletableFuture<T> done, long queuedAt) {
        Pending(Jdbc.Work<T> work, CompletableFuture<T> done) {
            this(work, done, System.nanoTime());
        }
    }

    private final DistributionSummary batchSizes;
    private final Timer waits;

    private final DataSource dataSource;
    private final WriteHealth health;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private final ExecutorService completions;
    private volatile Thread completer;
    private volatile boolean closed;

    GroupCommit(DataSource dataSource) {
        this(dataSource, new WriteHealth(System::nanoTime), new SimpleMeterRegistry());
    }

    /** Each group's commit, or its failure, is reported to {@code health}. */
    GroupCommit(DataSource dataSource, WriteHealth health, MeterRegistry meters) {
        this.batchSizes = DistributionSummary.builder("parley.db.group.commit.size")
                .description("writes committed together in one SQLite transaction")
                .register(meters);
        this.waits = Timer.builder("parley.db.group.commit.wait")
                .description("from a write being queued to its group's commit starting")
                .register(meters);
        this.dataSource = dataSource;
        this.health = health;
        this.completions = Executors.newSingleThreadExecutor(run -> {
            completer = new Thread(run, "parley-group-commit-done");
            completer.setDaemon(true);
            return completer;
        });
        this.writer = new Thread(this::write, "parley-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues {@code work} to commit with whatever else is queued, waiting while {@link #MAX_QUEUED}
     * are queued; the future completes once it is durable.
     */
    @Override
    public <T> CompletableFuture<T> txAsync(Jdbc.Work<T> work) {
        var pending = new Pending<>(work, new CompletableFuture<T>());
        try {
            while (!closed) {
                if (queue.offer(pending, 100, TimeUnit.MILLISECONDS)) return pending.done();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new StoreException("interrupted while waiting to write", e));
        }
        return CompletableFuture.failedFuture(closedException());
    }

    /** Waits for {@link #txAsync}; never from what runs after a commit, which would wait for itself. */
    @Override
    public <T> T tx(Jdbc.Work<T> work) {
        if (Thread.currentThread() == completer) {
            throw new IllegalStateException("a group commit's follow-up cannot wait for another group commit");
        }
        return Futures.join(txAsync(work));
    }

    private void write() {
        var group = new ArrayList<Pending<?>>(MAX_GROUP);
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            batchSizes.record(group.size());
            long start = System.nanoTime();
            for (Pending<?> p : group) waits.record(start - p.queuedAt(), TimeUnit.NANOSECONDS);
            try {
                commit(group);
            } catch (Throwable e) {
                // Callers wait on their futures: none may be left hanging, whatever went wrong.
                for (Pending<?> p : group) p.done().completeExceptionally(e);
                log.error("group commit failed", e);
            }
            group.clear();
        }
        failLeftovers();
    }

    private void failLeftovers() {
        Pending<?> left;
        while ((left = queue.poll()) != null) left.done().completeExceptionally(closedException());
    }

    private static StoreException closedException() {
        return new StoreException("the database is closed", null);
    }

    private void commit(List<Pending<?>> group) {
        var outcomes = new ArrayList<Runnable>(group.size());
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            NothingWritten failure = NothingWritten.noConnection(e);
            health.failed(failure);
            for (Pending<?> p : group) outcomes.add(() -> p.done().completeExceptionally(failure));
            completions.execute(() -> outcomes.forEach(Runnable::run));
            return;
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> p : group) outcomes.add(runAlone(c, p));
                c.commit();
                health.succeeded();
            } catch (SQLException | RuntimeException e) {
                Jdbc.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException s ? Jdbc.translate(s) : (RuntimeException) e;
            health.failed(failure);
            // Each caller learns of it and logs it once; this line only tells how many shared the commit.
            log.debug("a group commit of {} failed: {}", group.size(), failure.toString());
            outcomes.clear();
            for (Pending<?> p : group) outcomes.add(() -> p.done().completeExceptionally(failure));
        }
        // A follow-up that throws fails its own dependent future, never the others in the group.
        completions.execute(() -> outcomes.forEach(Runnable::run));
    }

    /** Runs one transaction's work inside a savepoint; what to tell its caller once the group commits. */
    private static <T> Runnable runAlone(Connection c, Pending<T> p) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            T result = p.work().run(c);
            c.releaseSavepoint(before);
            return () -> p.done().complete(result);
        } catch (SQLException | RuntimeException e) {
            c.rollback(before);
            RuntimeException failure = e instanceof SQLException s ? Jdbc.translate(s) : (RuntimeException) e;
            return () -> p.done().completeExceptionally(failure);
        }
    }

    /** Stops taking work, fails what was not yet taken, and lets what already committed finish its follow-ups. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
            failLeftovers(); // queued while the writer was stopping
            completions.shutdown();
            completions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
