package dev.parley.chat;

import java.time.Clock;
import java.util.List;

/** Who did what, as admin, and when: every admin action is written here after it took effect. */
public final class AuditLog {

    public static final int PAGE = 100;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

    private final AuditStore store;
    private final Admins admins;
    private final Clock clock;

    AuditLog(AuditStore store, Admins admins, Clock clock) {
        this.store = store;
        this.admins = admins;
        this.clock = clock;
    }

    public AuditLog(AuditStore store, UserStore users, Clock clock) {
        this(store, new Admins(users), clock);
    }

    void record(Account actor, String action, String target) {
        store.record(actor.id(), action, target, clock.instant());
        log.info("admin action: {} by {} on {}", action, actor.username(), target);
    }

    /** The newest {@code limit} entries (at most {@link #PAGE}), newest first; admins only. */
    public List<AuditEntry> recent(long viewerId, int limit) {
        admins.require(viewerId);
        return store.recent(Math.max(1, Math.min(limit, PAGE)));
    }
}
