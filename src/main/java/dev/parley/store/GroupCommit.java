package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions that wait in line and commit together. SQLite writes one transaction at a time,
 * and each commit waits for a disk sync (about a millisecond here): one writer thread takes every
 * transaction queued meanwhile, runs each inside a savepoint of one database transaction, and
 * commits them with a single sync. Alone, a transaction commits at once; under load, batches
 * grow by themselves. A transaction that fails is rolled back to its savepoint and fails alone;
 * each caller returns only once its work is durable.
 */
final class GroupCommit implements Transactions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_BATCH = 256;

    private record Pending<T>(Jdbc.Work<T> work, CompletableFuture<T> done) {}

    private final DataSource dataSource;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::write, "parley-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in a transaction committed with whatever else is queued; returns when it is durable. */
    @Override
    public <T> T tx(Jdbc.Work<T> work) {
        if (closed) throw new StoreException("the database is closed", null);
        var pending = new Pending<>(work, new CompletableFuture<T>());
        queue.add(pending);
        try {
            return pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private void write() {
        var batch = new ArrayList<Pending<?>>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                commit(batch);
            } catch (Throwable e) {
                // Callers wait on their futures: none may be left hanging, whatever went wrong.
                for (Pending<?> p : batch) p.done().completeExceptionally(e);
                log.error("group commit failed", e);
            }
            batch.clear();
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) left.done().completeExceptionally(new StoreException("the database is closed", null));
    }

    private void commit(List<Pending<?>> batch) {
        var outcomes = new ArrayList<Runnable>(batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> p : batch) outcomes.add(runAlone(c, p));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                Jdbc.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException s ? Jdbc.translate(s) : (RuntimeException) e;
            log.warn("a group commit of {} failed: {}", batch.size(), failure.toString());
            for (Pending<?> p : batch) p.done().completeExceptionally(failure);
            return;
        }
        outcomes.forEach(Runnable::run);
    }

    /** Runs one transaction's work inside a savepoint; what to tell its caller once the batch commits. */
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

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
