package dev.parley.cluster;

import dev.parley.chat.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * Who is typing in which room, shared by every instance.
 *
 * <p>Contract: an entry lives until the deadline given by its latest {@link #start}, or until
 * {@link #stop}; {@link #expire} removes and returns the entries whose deadline has passed, each
 * exactly once across all callers. Typing is relayed, never stored durably. Shared
 * implementations throw {@link ClusterUnavailable} at once when their store cannot be reached.
 */
public interface TypingState {

    record Entry(long roomId, UserRef user) {}

    /** Records that the user types until {@code until}; true when they were not typing before. */
    boolean start(long roomId, UserRef user, Instant until);

    /** true when the user was typing. */
    boolean stop(long roomId, long userId);

    /** Everyone typing in the room, in the order they started. */
    List<UserRef> typers(long roomId);

    List<Entry> expire(Instant now);
}
