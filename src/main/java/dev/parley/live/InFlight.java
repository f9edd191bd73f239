package dev.parley.live;

import java.util.concurrent.CompletableFuture;

/**
 * A socket's sends that were taken but are not yet durable and answered. Sends follow each other
 * without waiting (their commits, publishes and acks keep their order); any other frame waits for
 * them, so that a socket's frames take effect in the order it sent them. A socket with
 * {@link #MAX} sends waiting is not read further until they are all answered.
 */
final class InFlight {

    static final int MAX = 64;

    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private int count;

    /** Before a send: returns at once unless {@link #MAX} are waiting. */
    void makeRoom() {
        synchronized (this) {
            if (count < MAX) return;
        }
        awaitAll();
    }

    /** Tracks a send until {@code answered} completes, which happens after every send added before it. */
    void add(CompletableFuture<?> answered) {
        synchronized (this) {
            count++;
            last = answered;
        }
        answered.whenComplete((result, failure) -> {
            synchronized (this) {
                count--;
            }
        });
    }

    /** Returns once every send added so far is answered, however each ended. */
    void awaitAll() {
        CompletableFuture<?> newest;
        synchronized (this) {
            if (count == 0) return;
            newest = last;
        }
        newest.handle((result, failure) -> null).join();
    }
}
