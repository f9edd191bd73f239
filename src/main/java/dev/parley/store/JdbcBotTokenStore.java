package dev.parley.store;

import dev.parley.chat.BotToken;
import dev.parley.chat.BotTokenStore;
import dev.parley.chat.UserRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcBotTokenStore implements BotTokenStore {

    private static final String SELECT =
            "SELECT t.id, t.bot_id, b.username AS bot_name, t.label, t.created_by, c.username AS creator,"
                    + " t.created_at, t.last_used_at, t.revoked_at"
                    + " FROM bot_tokens t JOIN users b ON b.id = t.bot_id JOIN users c ON c.id = t.created_by";

    private final Jdbc jdbc;

    JdbcBotTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public BotToken create(long botId, String tokenHash, String label, long createdBy, Instant now) {
        return jdbc.tx(c -> {
            long id = Jdbc.one(
                            c,
                            "INSERT INTO bot_tokens (bot_id, token_hash, label, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                            rs -> rs.getLong("id"),
                            botId,
                            tokenHash,
                            label,
                            createdBy,
                            now)
                    .orElseThrow();
            return Jdbc.one(c, SELECT + " WHERE t.id = ?", JdbcBotTokenStore::token, id)
                    .orElseThrow();
        });
    }

    @Override
    public Optional<BotToken> findByHash(String tokenHash) {
        return jdbc.one(SELECT + " WHERE t.token_hash = ?", JdbcBotTokenStore::token, tokenHash);
    }

    @Override
    public List<BotToken> all() {
        return jdbc.list(SELECT + " ORDER BY t.id DESC", JdbcBotTokenStore::token);
    }

    @Override
    public boolean revoke(long id, Instant now) {
        return jdbc.update("UPDATE bot_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) == 1;
    }

    @Override
    public void touch(long id, Instant now, Duration every) {
        jdbc.update(
                "UPDATE bot_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                now,
                id,
                now.minus(every));
    }

    private static BotToken token(ResultSet rs) throws SQLException {
        return new BotToken(
                rs.getLong("id"),
                new UserRef(rs.getLong("bot_id"), rs.getString("bot_name")),
                rs.getString("label"),
                new UserRef(rs.getLong("created_by"), rs.getString("creator")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "last_used_at"),
                Jdbc.instant(rs, "revoked_at"));
    }
}
