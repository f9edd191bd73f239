package dev.parley.store;

import dev.parley.chat.UserRef;
import dev.parley.chat.Webhook;
import dev.parley.chat.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcWebhookStore implements WebhookStore {

    private static final String SELECT =
            "SELECT w.id, w.room_id, w.bot_id, b.username AS bot_name, w.created_by, c.username AS creator,"
                    + " w.created_at, w.last_used_at, w.revoked_at"
                    + " FROM webhooks w JOIN users b ON b.id = w.bot_id JOIN users c ON c.id = w.created_by";

    private final Jdbc jdbc;

    JdbcWebhookStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Webhook create(long roomId, long botId, String tokenHash, long createdBy, Instant now) {
        return jdbc.tx(c -> {
            long id = Jdbc.one(
                            c,
                            "INSERT INTO webhooks (room_id, bot_id, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                            rs -> rs.getLong("id"),
                            roomId,
                            botId,
                            tokenHash,
                            createdBy,
                            now)
                    .orElseThrow();
            return Jdbc.one(c, SELECT + " WHERE w.id = ?", JdbcWebhookStore::webhook, id)
                    .orElseThrow();
        });
    }

    @Override
    public Optional<Webhook> findByHash(String tokenHash) {
        return jdbc.one(SELECT + " WHERE w.token_hash = ?", JdbcWebhookStore::webhook, tokenHash);
    }

    @Override
    public List<Webhook> all() {
        return jdbc.list(SELECT + " ORDER BY w.id DESC", JdbcWebhookStore::webhook);
    }

    @Override
    public boolean revoke(long id, Instant now) {
        return jdbc.update("UPDATE webhooks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) == 1;
    }

    @Override
    public void touch(long id, Instant now, Duration every) {
        jdbc.update(
                "UPDATE webhooks SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                now,
                id,
                now.minus(every));
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(
                rs.getLong("id"),
                rs.getLong("room_id"),
                new UserRef(rs.getLong("bot_id"), rs.getString("bot_name")),
                new UserRef(rs.getLong("created_by"), rs.getString("creator")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "last_used_at"),
                Jdbc.instant(rs, "revoked_at"));
    }
}
