package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class GroupCommitTest {

    @TempDir
    Path dir;

    private SQLiteDataSource dataSource;
    private GroupCommit commits;

    @BeforeEach
    void open() throws SQLException {
        dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        try (var c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE TABLE t (n INTEGER NOT NULL)");
        }
        commits = new GroupCommit(dataSource);
    }

    @AfterEach
    void close() {
        commits.close();
    }

    private static Jdbc.Work<Integer> insert(int n) {
        return c -> Jdbc.update(c, "INSERT INTO t (n) VALUES (?)", n);
    }

    private int rows() {
        return new Jdbc(dataSource, false)
                .one("SELECT count(*) FROM t", rs -> rs.getInt(1))
                .orElseThrow();
    }

    @Test
    void followUpsRunOnTheirOwnThreadInTheOrderTheWorkWasQueued() {
        List<Integer> order = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            done.add(commits.txAsync(insert(n)).thenAccept(rows -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
            }));
        }
        done.forEach(CompletableFuture::join);

        assertThat(order).isSorted().hasSize(500);
        assertThat(threads).containsOnly("parley-group-commit-done");
        assertThat(rows()).isEqualTo(500);
    }

    @Test
    void aFollowUpThatWaitsForAnotherCommitFailsAtOnceInsteadOfWaitingForItself() {
        CompletableFuture<Integer> nested = commits.txAsync(insert(1)).thenApply(rows -> commits.tx(insert(2)));

        assertThatThrownBy(nested::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(commits.tx(insert(3))).isEqualTo(1);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aFollowUpThatThrowsSpoilsNoOtherInItsGroup() {
        var first = commits.txAsync(insert(1)).thenAccept(rows -> {
            throw new IllegalStateException("a broken follow-up");
        });
        var second = commits.txAsync(insert(2)).thenApply(rows -> "answered");

        assertThatThrownBy(first::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(second.join()).isEqualTo("answered");
    }

    @Test
    void aFullQueueMakesTheNextCallerWaitForRoomInsteadOfGrowingWithoutEnd() throws Exception {
        var writing = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = commits.txAsync(c -> {
            writing.countDown();
            awaitQuietly(release);
            return Jdbc.update(c, "INSERT INTO t (n) VALUES (0)");
        });
        writing.await();
        for (int i = 1; i <= GroupCommit.MAX_QUEUED; i++) commits.txAsync(insert(i));

        var oneTooMany = new CompletableFuture<CompletableFuture<Integer>>();
        var caller = new Thread(() -> oneTooMany.complete(commits.txAsync(insert(-1))), "one-too-many");
        caller.start();
        // Parked inside txAsync, not merely slow: a caller that did not wait would end, never park.
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInside(caller, "txAsync"));
        assertThat(oneTooMany).as("waits while the queue is full").isNotDone();

        release.countDown();
        oneTooMany.join().join();
        first.join();
        assertThat(rows()).isEqualTo(GroupCommit.MAX_QUEUED + 2);
    }

    /** Whether the thread is parked (with or without a timeout) somewhere under {@code GroupCommit.method}. */
    private static boolean waitingInside(Thread thread, String method) {
        var state = thread.getState();
        boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        return parked
                && java.util.Arrays.stream(thread.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(GroupCommit.class.getName())
                                && f.getMethodName().equals(method));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closingFinishesTheFollowUpsOfWhatCommittedAndFailsWhatComesAfter() throws Exception {
        var slowFollowUp = new CountDownLatch(1);
        var followingUp = new CountDownLatch(1);
        var committed = commits.txAsync(insert(1)).thenApply(rows -> {
            followingUp.countDown();
            try {
                slowFollowUp.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "answered";
        });
        followingUp.await();

        commits.close();

        assertThat(committed.join()).isEqualTo("answered");
        assertThat(commits.txAsync(insert(2))).isCompletedExceptionally();
        assertThat(rows()).isEqualTo(1);
    }
}
