package dev.parley.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, released together, to race them. */
final class Concurrently {

    private Concurrently() {}

    /** The results of {@code task(0)} … {@code task(threads - 1)}, all started at once. */
    static <T> List<T> run(int threads, IntFunction<T> task) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        var go = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> racer = () -> {
                    go.await();
                    return task.apply(n);
                };
                futures.add(pool.submit(racer));
            }
            go.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) results.add(future.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
