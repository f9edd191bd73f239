package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingGateTest {

    @Test
    void atMostTheAllowedNumberHashAtOnceAsManyWaitAndTheRestAreRefusedAtOnce() throws Exception {
        var gate = new HashingGate(2);
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    try {
                        gate.run(() -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            sleep(150);
                            running.decrementAndGet();
                            return null;
                        });
                        return 0L;
                    } catch (HashingGate.Busy busy) {
                        assertThat(busy.retryAfter).isPositive();
                        return System.nanoTime() - t0;
                    }
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<Long> call : calls) {
                long refusedAfter = call.get();
                if (refusedAfter > 0) {
                    refused++;
                    assertThat(refusedAfter / 1_000_000)
                            .as("a refusal never waits longer than the queue's wait")
                            .isLessThan(1_500);
                }
            }
            assertThat(most.get()).isEqualTo(2);
            // Two run, two wait their turn (150 ms < the 500 ms wait), the other eight are turned away.
            assertThat(refused).isBetween(6, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTurnIsGivenBackWhenTheHashingFails() {
        var gate = new HashingGate(1);
        for (int i = 0; i < 3; i++) {
            try {
                gate.run(() -> {
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                // the turn must still be returned
            }
        }
        assertThat(gate.run(() -> "hashed")).isEqualTo("hashed");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
