package dev.parley.chat;

import java.time.Duration;

/**
 * A refusal that passes: too many requests ({@code rate_limited}, 429) or no capacity right now
 * ({@code unavailable}, 503). It says when to retry: {@code Retry-After} over HTTP, {@code
 * retryAfterMs} in every error body.
 */
public final class TryLater extends ChatException {

    public final Duration retryAfter;

    private TryLater(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofMillis(1) : retryAfter;
    }

    public static TryLater rateLimited(String message, Duration retryAfter) {
        return new TryLater(ErrorCode.RATE_LIMITED, message, retryAfter);
    }

    public static TryLater busy(String message, Duration retryAfter) {
        return new TryLater(ErrorCode.UNAVAILABLE, message, retryAfter);
    }

    public long retryAfterMs() {
        return Math.max(1, retryAfter.toMillis() + (retryAfter.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
    }

    /** Whole seconds, rounded up, as {@code Retry-After} takes them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterMs() + 999) / 1000);
    }
}
