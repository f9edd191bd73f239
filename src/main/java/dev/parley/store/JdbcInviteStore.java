package dev.parley.store;

import dev.parley.chat.Invite;
import dev.parley.chat.InviteStore;
import dev.parley.chat.UserRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcInviteStore implements InviteStore {

    private static final String SELECT =
            "SELECT i.id, i.created_by, u.username, i.created_at, i.expires_at, i.max_uses, i.uses, i.revoked_at"
                    + " FROM invites i JOIN users u ON u.id = i.created_by";

    private final Jdbc jdbc;

    JdbcInviteStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Invite create(String tokenHash, long createdBy, Instant expiresAt, Integer maxUses, Instant now) {
        return jdbc.tx(c -> {
            long id = Jdbc.one(
                            c,
                            "INSERT INTO invites (token_hash, created_by, created_at, expires_at, max_uses)"
                                    + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                            rs -> rs.getLong("id"),
                            tokenHash,
                            createdBy,
                            now,
                            expiresAt,
                            maxUses)
                    .orElseThrow();
            return Jdbc.one(c, SELECT + " WHERE i.id = ?", JdbcInviteStore::invite, id)
                    .orElseThrow();
        });
    }

    @Override
    public Optional<Invite> findByHash(String tokenHash) {
        return jdbc.one(SELECT + " WHERE i.token_hash = ?", JdbcInviteStore::invite, tokenHash);
    }

    @Override
    public List<Invite> all() {
        return jdbc.list(SELECT + " ORDER BY i.id DESC", JdbcInviteStore::invite);
    }

    @Override
    public boolean revoke(long id, Instant now) {
        return jdbc.update("UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id) == 1;
    }

    @Override
    public boolean use(long id, Instant now) {
        return jdbc.update(
                        "UPDATE invites SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL"
                                + " AND (expires_at IS NULL OR expires_at > ?) AND (max_uses IS NULL OR uses < max_uses)",
                        id,
                        now)
                == 1;
    }

    @Override
    public void giveBack(long id) {
        jdbc.update("UPDATE invites SET uses = uses - 1 WHERE id = ? AND uses > 0", id);
    }

    private static Invite invite(ResultSet rs) throws SQLException {
        Long maxUses = Jdbc.nullableLong(rs, "max_uses");
        return new Invite(
                rs.getLong("id"),
                new UserRef(rs.getLong("created_by"), rs.getString("username")),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "expires_at"),
                maxUses == null ? null : maxUses.intValue(),
                rs.getInt("uses"),
                Jdbc.instant(rs, "revoked_at"));
    }
}
