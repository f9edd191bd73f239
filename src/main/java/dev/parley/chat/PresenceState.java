package dev.parley.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which users have at least one open connection, on any instance.
 *
 * <p>Contract: each connection holds a lease that lasts until the deadline of its latest
 * {@link #connect} or {@link #renew}, even when that deadline is earlier than the one before: a
 * closed connection keeps a short lease, so that a reconnect in between is not seen. A lease has
 * lapsed once its deadline is at or before {@code now}. A user is online from the connect that
 * finds them without any lease until {@link #expire} drops their last lapsed lease; a lapsed lease
 * counts until then. So a user's coming online (reported by connect or renew) and going offline
 * (reported by expire) alternate, and each is reported exactly once across all callers.
 *
 * <p>Deadlines and {@code now} count on one clock for every instance, {@link #now()}: Redis's
 * for the shared implementation, so that an instance whose own clock is off neither ends other
 * instances' entries early nor keeps its own too long.
 *
 * <p>Shared implementations throw {@link ClusterUnavailable} at once when their store cannot be
 * reached. A call that failed may still have taken effect (only its answer was lost), so an expire
 * that fails may drop leases without reporting their users. A renew or expire that loses the store
 * midway returns what it did and leaves the rest to the next call.
 */
public interface PresenceState {

    /** The time by the clock every instance shares; deadlines given here should be computed from it. */
    Instant now();

    /** Starts or renews a connection's lease, to end at {@code until}; true when the user had no lease before. */
    boolean connect(long userId, String connectionId, Instant until);

    /**
     * Renews in one go the leases of an instance's open connections (connection id → user id),
     * as its heartbeat does; returns the users who had no lease before (state lost with a
     * Redis restart comes back this way).
     */
    Set<Long> renew(Map<String, Long> connections, Instant until);

    /** Whether the user holds a lease that {@link #expire} has not dropped. */
    boolean isOnline(long userId);

    /** Those of {@code userIds} who are online. */
    Set<Long> online(Collection<Long> userIds);

    /** Drops the leases lapsed at {@code now}; returns the users left without any. */
    Set<Long> expire(Instant now);
}
