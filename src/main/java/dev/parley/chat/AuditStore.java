package dev.parley.chat;

import java.time.Instant;
import java.util.List;

/** The admin actions, kept for good: entries are only ever added. */
public interface AuditStore {

    void record(long actorId, String action, String target, Instant at);

    /** The newest {@code limit} entries, newest first. */
    List<AuditEntry> recent(int limit);
}
