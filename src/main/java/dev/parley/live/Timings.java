package dev.parley.live;

import static dev.parley.chat.Timings.require;

import java.time.Duration;

/**
 * The transport's durations, in one place because they depend on each other and on the domain's
 * ({@link dev.parley.chat.Timings}). Each relation that must hold is checked when the class
 * loads, and so by {@code TimingsTest}.
 */
final class Timings {

    private Timings() {}

    /** How often the live clock releases held connections and looks for silent or stuck ones. */
    static final Duration TICK = Duration.ofMillis(250);
    /** How long room messages wait for a new connection's first frame, so that a {@code sync} comes first. */
    static final Duration HOLD = Duration.ofSeconds(2);

    static final Duration PING_EVERY = Duration.ofSeconds(20);
    /** A socket that answers no ping for this long is gone: closed with 1013 so that it reconnects. */
    static final Duration UNANSWERED = Duration.ofSeconds(65);
    /** Jetty's own idle timeout: a backstop behind {@link #UNANSWERED}, which closes first. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(75);
    /** How long a peer gets to answer our close before the connection is dropped. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How often rooms are checked for messages stored but never delivered: lost by the bus, or committed by a call that reported a failure. */
    static final Duration HEAL_EVERY = Duration.ofSeconds(1);

    static {
        require(TICK.compareTo(HOLD) < 0, "TICK < HOLD");
        // Three pings go unanswered before a socket counts as gone: one lost pong is no reason.
        require(PING_EVERY.multipliedBy(3).compareTo(UNANSWERED) <= 0, "PING_EVERY * 3 <= UNANSWERED");
        // The hub's close (1013, retried) must come before Jetty's idle close (1001, not retried by browsers).
        require(UNANSWERED.compareTo(IDLE_TIMEOUT) < 0, "UNANSWERED < IDLE_TIMEOUT");
        // A pong is a sign of life: a healthy socket keeps its presence lease renewed.
        require(PING_EVERY.compareTo(dev.parley.chat.Timings.ASLEEP_AFTER) < 0, "PING_EVERY < chat ASLEEP_AFTER");
    }
}
