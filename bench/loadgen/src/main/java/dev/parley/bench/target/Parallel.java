package dev.parley.bench.target;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs n setup calls with bounded parallelism and returns their results in order. */
final class Parallel {

    private Parallel() {}

    static <T> List<T> map(int n, int threads, IntFunction<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> call.apply(k)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("setup failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }
}
