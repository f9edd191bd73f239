package dev.parley.chat;

import java.time.Duration;

/**
 * The domain's durations, in one place because they depend on each other. Each relation that
 * must hold is checked when the class loads, so a change that breaks one fails at start-up and in
 * {@code TimingsTest}, not in production weeks later.
 */
public final class Timings {

    private Timings() {}

    /** How often the domain's clock ({@link DomainClock}) looks for lapsed typing and presence. */
    public static final Duration TICK = Duration.ofMillis(250);
    /** A member types until this long after their latest typing-start. */
    public static final Duration TYPING_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long a connection's presence lease runs without renewal. Each instance renews the leases
     * of its open connections every {@link #HEARTBEAT}, so the users of an instance that dies go
     * offline everywhere this long after its last heartbeat, unless they are connected elsewhere.
     */
    public static final Duration LEASE = Duration.ofSeconds(15);

    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /**
     * A connection without a sign of life (a pong, a frame) for this long is no longer renewed: a
     * laptop gone to sleep. The transport must hear from a healthy connection more often than this
     * (it pings; see {@code live.Timings}).
     */
    public static final Duration ASLEEP_AFTER = Duration.ofSeconds(45);
    /** How long a user whose last connection closed still counts as online: a page moving to another room reconnects within it. */
    public static final Duration GRACE = Duration.ofSeconds(3);

    static {
        // Two heartbeats fit in a lease: one late or lost beat does not take anybody offline.
        require(HEARTBEAT.multipliedBy(2).compareTo(LEASE) < 0, "HEARTBEAT * 2 < LEASE");
        // Lapses are noticed well within the shortest span that lapses.
        require(
                TICK.compareTo(GRACE) < 0 && TICK.compareTo(TYPING_TIMEOUT) < 0 && TICK.compareTo(HEARTBEAT) < 0,
                "TICK < GRACE, TYPING_TIMEOUT and HEARTBEAT");
        // A connection heard from is renewed at least once before it counts as asleep.
        require(HEARTBEAT.compareTo(ASLEEP_AFTER) < 0, "HEARTBEAT < ASLEEP_AFTER");
    }

    /** Throws when a relation between timings does not hold. */
    public static void require(boolean holds, String relation) {
        if (!holds) throw new IllegalStateException("timings must satisfy " + relation);
    }
}
