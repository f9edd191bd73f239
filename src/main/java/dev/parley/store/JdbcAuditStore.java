package dev.parley.store;

import dev.parley.chat.AuditEntry;
import dev.parley.chat.AuditStore;
import dev.parley.chat.UserRef;
import java.time.Instant;
import java.util.List;

final class JdbcAuditStore implements AuditStore {

    private final Jdbc jdbc;

    JdbcAuditStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(long actorId, String action, String target, Instant at) {
        jdbc.update(
                "INSERT INTO audit_log (actor_id, action, target, created_at) VALUES (?, ?, ?, ?)",
                actorId,
                action,
                target,
                at);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return jdbc.list(
                "SELECT a.id, a.actor_id, u.username, a.action, a.target, a.created_at"
                        + " FROM audit_log a JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT ?",
                rs -> new AuditEntry(
                        rs.getLong("id"),
                        new UserRef(rs.getLong("actor_id"), rs.getString("username")),
                        rs.getString("action"),
                        rs.getString("target"),
                        Jdbc.instant(rs, "created_at")),
                limit);
    }
}
