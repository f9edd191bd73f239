package dev.parley.chat;

import java.time.Duration;

/**
 * Token buckets by name, the seam behind every rate limit. One instance keeps them in memory;
 * several share them in Redis, so that a person's allowance is the same whichever instance their
 * sockets and requests land on. A bucket nobody touched fills up to its burst and may then be
 * forgotten. Callers compose the key from what is limited and whom: {@code "msg:42"}.
 *
 * <p>An implementation that cannot reach shared state must not refuse for that reason: it falls
 * back to limiting on this instance alone.
 */
public interface RateLimits {

    /** Takes one token from the bucket {@code key} filled at {@code rate}: {@link Duration#ZERO} when taken, else how long until one is there. */
    Duration take(Rate rate, String key);

    /** Whether a token is there, without taking it: {@link Duration#ZERO} when one is, else how long until one is. */
    Duration peek(Rate rate, String key);

    /** Takes one token when there is one, without waiting; used where a refusal must not cost the caller a token twice. */
    default boolean tryTake(Rate rate, String key) {
        return take(rate, key).isZero();
    }
}
