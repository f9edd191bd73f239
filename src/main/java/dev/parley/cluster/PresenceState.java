package dev.parley.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which users have at least one open connection, on any instance.
 *
 * <p>Contract: each connection holds a lease that lasts until the deadline of its latest
 * {@link #connect}. A user is online while any lease of theirs is live. A closed
 * connection keeps a short lease, so that a reconnect in between is not seen. {@link #expire} drops
 * lapsed leases (a crashed instance's connections) and returns the users who thereby went
 * offline, each exactly once across all callers. Shared implementations throw
 * {@link ClusterUnavailable} at once when their store cannot be reached.
 */
public interface PresenceState {

    /** Starts or renews a connection's lease; true when the user had no live lease before. */
    boolean connect(long userId, String connectionId, Instant until);

    /**
     * Renews in one go the leases of an instance's open connections (connection id → user id),
     * as its heartbeat does; returns the users who had no live lease before (state lost with a
     * Redis restart comes back this way).
     */
    Set<Long> renew(Map<String, Long> connections, Instant until);

    boolean isOnline(long userId);

    /** Those of {@code userIds} who are online. */
    Set<Long> online(Collection<Long> userIds);

    Set<Long> expire(Instant now);
}
