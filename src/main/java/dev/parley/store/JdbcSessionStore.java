package dev.parley.store;

import dev.parley.chat.SessionStore;
import dev.parley.chat.SessionStore.Rotation.RecentlySpent;
import dev.parley.chat.SessionStore.Rotation.Rejected;
import dev.parley.chat.SessionStore.Rotation.ReuseDetected;
import dev.parley.chat.SessionStore.Rotation.Rotated;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

final class JdbcSessionStore implements SessionStore {

    private record Token(String sessionId, long userId, Instant expiresAt, Instant spentAt, Instant revokedAt) {}

    private final Jdbc jdbc;

    JdbcSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(String sessionId, long userId, String refreshHash, Instant refreshExpiresAt, Instant now) {
        jdbc.tx(c -> {
            Jdbc.update(c, "INSERT INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)", sessionId, userId, now);
            return Jdbc.update(
                    c,
                    "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)",
                    refreshHash,
                    sessionId,
                    refreshExpiresAt);
        });
    }

    @Override
    public Rotation rotate(
            String presentedHash, String newHash, Instant newExpiresAt, Instant now, Instant graceSince) {
        return jdbc.tx(c -> {
            Optional<Token> found = token(c, presentedHash);
            if (found.isEmpty()
                    || found.get().revokedAt() != null
                    || !found.get().expiresAt().isAfter(now)) {
                return new Rejected();
            }
            Token t = found.get();
            if (t.spentAt() == null) {
                // Only one of two concurrent rotations can flip spent_at from NULL.
                if (Jdbc.update(
                                c,
                                "UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL",
                                now,
                                presentedHash)
                        == 1) {
                    Jdbc.update(
                            c,
                            "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)",
                            newHash,
                            t.sessionId(),
                            newExpiresAt);
                    return new Rotated(t.sessionId(), t.userId());
                }
                t = token(c, presentedHash).orElseThrow();
            }
            if (!t.spentAt().isBefore(graceSince)) {
                return new RecentlySpent(t.sessionId(), t.userId());
            }
            Jdbc.update(
                    c, "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, t.sessionId());
            return new ReuseDetected(t.sessionId(), t.userId());
        });
    }

    private static Optional<Token> token(Connection c, String hash) throws SQLException {
        return Jdbc.one(
                c,
                "SELECT t.session_id, s.user_id, t.expires_at, t.spent_at, s.revoked_at"
                        + " FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ?",
                rs -> new Token(
                        rs.getString("session_id"),
                        rs.getLong("user_id"),
                        Jdbc.instant(rs, "expires_at"),
                        Jdbc.instant(rs, "spent_at"),
                        Jdbc.instant(rs, "revoked_at")),
                hash);
    }

    @Override
    public boolean isActive(String sessionId) {
        return jdbc.one(
                        "SELECT revoked_at FROM sessions WHERE id = ?",
                        rs -> Jdbc.instant(rs, "revoked_at") == null,
                        sessionId)
                .orElse(false);
    }

    @Override
    public void revoke(String sessionId, Instant now) {
        jdbc.update("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, sessionId);
    }

    @Override
    public int sweep(Instant now) {
        return jdbc.tx(c -> Jdbc.update(
                        c,
                        "DELETE FROM refresh_tokens WHERE expires_at <= ?"
                                + " OR session_id IN (SELECT id FROM sessions WHERE revoked_at IS NOT NULL)",
                        now)
                + Jdbc.update(
                        c,
                        "DELETE FROM sessions WHERE NOT EXISTS"
                                + " (SELECT 1 FROM refresh_tokens t WHERE t.session_id = sessions.id)"));
    }

    @Override
    public void revokeAllOf(long userId, String keptSessionId, Instant now) {
        jdbc.update(
                "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?",
                now,
                userId,
                keptSessionId == null ? "" : keptSessionId);
    }
}
