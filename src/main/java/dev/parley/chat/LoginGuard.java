package dev.parley.chat;

import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing without locking the owner out. Only failures count, in two buckets:
 * one per username and address, which stops a guesser at one place after a few tries while the
 * owner, signing in from elsewhere, is untouched; and one per username across all addresses, with
 * a much larger burst that refills more slowly, which caps a guesser spread over many addresses.
 */
public final class LoginGuard {

    /** Failures one address may make on one name, then one more every half minute. */
    static final Rate PER_NAME_AND_ADDRESS = new Rate(1, Duration.ofSeconds(30), 10);
    /** Failures all addresses together may make on one name, then one more a minute. */
    static final Rate PER_NAME = new Rate(1, Duration.ofMinutes(1), 100);

    private final RateLimits buckets;

    public LoginGuard(RateLimits buckets) {
        this.buckets = buckets;
    }

    /** Refuses, saying when to retry, when this name may not be tried from this address now. */
    void check(String username, String address) {
        Duration here = buckets.peek(PER_NAME_AND_ADDRESS, here(username, address));
        Duration anywhere = buckets.peek(PER_NAME, anywhere(username));
        Duration wait = here.compareTo(anywhere) >= 0 ? here : anywhere;
        if (!wait.isZero()) throw TryLater.rateLimited("Too many failed attempts. Wait a minute and try again.", wait);
    }

    void failed(String username, String address) {
        buckets.take(PER_NAME_AND_ADDRESS, here(username, address));
        buckets.take(PER_NAME, anywhere(username));
    }

    private static String here(String username, String address) {
        return "login-failed:" + key(username) + "@" + address;
    }

    private static String anywhere(String username) {
        return "login-failed:" + key(username);
    }

    private static String key(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
