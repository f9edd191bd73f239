package dev.parley.live;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/** How many frames a socket may send: {@code perSecond} on average, in bursts of five seconds' worth. */
final class FrameRate {

    private final Bucket bucket;

    FrameRate(int perSecond) {
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond * 5L).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    boolean allow() {
        return bucket.tryConsume(1);
    }
}
