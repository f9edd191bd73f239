package dev.parley.chat;

/**
 * Per-(user, room) read watermarks: the highest seq the user has read. A watermark only moves
 * forward; unread counts are derived from it.
 */
public interface ReadMarkStore {

    /** Raises the watermark to {@code seq} unless it is already at or past it; true when it moved. */
    boolean advance(long userId, long roomId, long seq);

    /** 0 when the user has read nothing in the room. */
    long watermark(long userId, long roomId);

    /** Every watermark in the room, by user id; users who read nothing are absent. */
    java.util.Map<Long, Long> watermarks(long roomId);
}
