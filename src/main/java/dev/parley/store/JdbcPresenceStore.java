package dev.parley.store;

import dev.parley.chat.PresenceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

final class JdbcPresenceStore implements PresenceStore {

    private final Jdbc jdbc;

    JdbcPresenceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stored find(long userId) {
        return jdbc.one(
                        "SELECT status, status_text, last_seen_at FROM presence WHERE user_id = ?",
                        JdbcPresenceStore::stored,
                        userId)
                .orElse(Stored.DEFAULT);
    }

    @Override
    public Map<Long, Stored> findAll(Collection<Long> userIds) {
        var found = new HashMap<Long, Stored>();
        userIds.forEach(id -> found.put(id, Stored.DEFAULT));
        if (userIds.isEmpty()) return found;
        String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
        jdbc.list(
                "SELECT user_id, status, status_text, last_seen_at FROM presence WHERE user_id IN (" + marks + ")",
                rs -> found.put(rs.getLong("user_id"), stored(rs)),
                userIds.toArray());
        return found;
    }

    @Override
    public void setStatus(long userId, String status, String text) {
        jdbc.update(
                "INSERT INTO presence (user_id, status, status_text) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET status = excluded.status, status_text = excluded.status_text",
                userId,
                status,
                text);
    }

    @Override
    public void setLastSeen(long userId, Instant at) {
        jdbc.update(
                "INSERT INTO presence (user_id, last_seen_at) VALUES (?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
                userId,
                at);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString("status"), rs.getString("status_text"), Jdbc.instant(rs, "last_seen_at"));
    }
}
