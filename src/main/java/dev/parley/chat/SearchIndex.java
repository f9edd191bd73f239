package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Full-text search over every stored message. The index follows the messages table inside the
 * transaction that changes it (a message is findable once its append commits, and an update or
 * delete of a message row takes effect in the index in that same transaction), so it is never
 * behind or ahead of what the store holds. Words are cut by {@link SearchTokens}' rule on every
 * database, so one {@link Criteria} finds the same messages everywhere.
 *
 * <p>The index knows nothing of who may read what: callers scope every search to rooms.
 */
public interface SearchIndex {

    /**
     * @param terms    every one must match (an empty list matches every message)
     * @param roomIds  only messages of these rooms; an empty set finds nothing
     * @param authorId only messages by this user, or null
     * @param from     only messages created at or after this instant, or null
     * @param until    only messages created before this instant, or null
     * @param beforeId only messages with a smaller id (the cursor of the next page), or null
     * @param withFiles only messages with files attached ({@code has:file})
     */
    record Criteria(
            List<SearchTerm> terms,
            Set<Long> roomIds,
            Long authorId,
            Instant from,
            Instant until,
            Long beforeId,
            int limit,
            boolean withFiles) {
        public Criteria {
            terms = List.copyOf(terms);
            roomIds = Set.copyOf(roomIds);
        }

        public Criteria(
                List<SearchTerm> terms,
                Set<Long> roomIds,
                Long authorId,
                Instant from,
                Instant until,
                Long beforeId,
                int limit) {
            this(terms, roomIds, authorId, from, until, beforeId, limit, false);
        }
    }

    /** Up to {@code limit} matching messages, newest (highest id) first. */
    List<Message> search(Criteria criteria);
}
