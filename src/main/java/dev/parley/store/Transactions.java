package dev.parley.store;

import dev.parley.util.Futures;
import java.util.concurrent.CompletableFuture;

/** Runs work in a transaction: committed when it returns, rolled back when it throws. */
interface Transactions {

    /** Completes with the work's result once it is committed, or with its exception once rolled back. */
    <T> CompletableFuture<T> txAsync(Jdbc.Work<T> work);

    /** {@link #txAsync} waited for: returns once committed. */
    default <T> T tx(Jdbc.Work<T> work) {
        return Futures.join(txAsync(work));
    }
}
