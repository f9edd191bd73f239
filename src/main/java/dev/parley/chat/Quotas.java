package dev.parley.chat;

import java.time.Duration;

/**
 * What each person and each address may do how often ({@link Limits}), checked against the shared
 * buckets ({@link RateLimits}). Every refusal is a {@link TryLater} that says when to retry.
 */
public final class Quotas {

    private final Limits limits;
    private final RateLimits buckets;

    public Quotas(Limits limits, RateLimits buckets) {
        this.limits = limits;
        this.buckets = buckets;
    }

    public Limits limits() {
        return limits;
    }

    void message(long userId) {
        take(limits.messages(), "msg:" + userId, "Too many messages; slow down.");
    }

    void typing(long userId) {
        take(limits.typing(), "typing:" + userId, "Too many typing events; slow down.");
    }

    void join(long userId) {
        take(limits.joins(), "join:" + userId, "Too many rooms joined in a short time; wait a little.");
    }

    void createRoom(long userId) {
        take(limits.roomCreation(), "create:" + userId, "Too many rooms created in a short time; wait a little.");
    }

    /** One HTTP API request of a signed-in person. */
    public void apiCall(long userId) {
        take(limits.apiCalls(), "api:" + userId, "Too many requests; slow down.");
    }

    /** One socket a person opens, on any instance. */
    public void socketOpening(long userId) {
        take(
                limits.socketOpenings(),
                "socket:" + userId,
                "Too many sockets opened in a short time; wait a little before reconnecting.");
    }

    void login(String address) {
        take(
                limits.loginsPerAddress(),
                "login:" + address,
                "Too many sign-in attempts from your network; wait a little.");
    }

    void registration(String address) {
        take(
                limits.registrationsPerAddress(),
                "register:" + address,
                "Too many sign-ups from your network; try again later.");
    }

    private void take(Rate rate, String key, String message) {
        Duration wait = buckets.take(rate, key);
        if (!wait.isZero()) throw TryLater.rateLimited(message, wait);
    }
}
