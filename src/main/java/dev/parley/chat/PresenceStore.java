package dev.parley.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The durable part of presence: each user's chosen status and when they were last seen. */
public interface PresenceStore {

    /** A user's stored presence; users who never set one are {@code online} with no text. */
    record Stored(String status, String text, Instant lastSeen) {
        public static final Stored DEFAULT = new Stored("online", null, null);
    }

    Stored find(long userId);

    /** The stored presence of each of {@code userIds}, defaults included. */
    Map<Long, Stored> findAll(Collection<Long> userIds);

    void setStatus(long userId, String status, String text);

    void setLastSeen(long userId, Instant at);
}
