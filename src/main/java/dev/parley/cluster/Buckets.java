package dev.parley.cluster;

import dev.parley.chat.Rate;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/** A {@link Rate} as Bucket4j's configuration: a burst-sized bucket refilled greedily, token by token. */
final class Buckets {

    private Buckets() {}

    static BucketConfiguration of(Rate rate) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(rate.burst())
                        .refillGreedy(rate.tokens(), rate.period())
                        .build())
                .build();
    }
}
