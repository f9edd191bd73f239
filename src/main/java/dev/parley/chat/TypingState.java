package dev.parley.chat;

import java.time.Instant;
import java.util.List;

/**
 * Who is typing in which room, shared by every instance.
 *
 * <p>Contract: an entry lives until the deadline given by its latest {@link #start}, or until
 * {@link #stop}; it has lapsed once that deadline is at or before {@code now}, and counts until
 * {@link #expire} removes it. Expire returns each entry it removes exactly once across all
 * callers. Typing is relayed, never stored durably.
 *
 * <p>Deadlines and {@code now} count on one clock for every instance, {@link #now()}: Redis's
 * for the shared implementation, so that an instance whose own clock is off neither ends other
 * instances' entries early nor keeps its own too long.
 *
 * <p>Shared implementations throw {@link ClusterUnavailable} at once when their store cannot be
 * reached. A call that failed may still have taken effect (only its answer was lost), so an expire
 * that fails may remove entries without returning them. An expire that loses the store midway
 * returns what it removed and leaves the rest to the next call.
 */
public interface TypingState {

    /** The time by the clock every instance shares; deadlines given here should be computed from it. */
    Instant now();

    record Entry(long roomId, UserRef user) {}

    /** Records that the user types until {@code until}; true when they were not typing before. */
    boolean start(long roomId, UserRef user, Instant until);

    /** true when the user was typing. */
    boolean stop(long roomId, long userId);

    /** Everyone typing in the room, in the order they started; typing on keeps one's place. */
    List<UserRef> typers(long roomId);

    /** Removes the entries lapsed at {@code now} and returns them. */
    List<Entry> expire(Instant now);
}
