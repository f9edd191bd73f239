package dev.parley.store;

import dev.parley.chat.Account;
import dev.parley.chat.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

final class JdbcUserStore implements UserStore {

    private static final String COLUMNS =
            "id, username, password_hash, is_admin, created_at, deactivated_at, is_bot, display_name";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcUserStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    @Override
    public Account register(String username, String passwordHash) {
        return jdbc.tx(c -> {
            // Two first sign-ups would both see an empty table under READ COMMITTED.
            lockUsers(c);
            return Jdbc.one(
                            c,
                            "INSERT INTO users (username, username_key, password_hash, is_admin, created_at)"
                                    + " SELECT ?, ?, ?, NOT EXISTS (SELECT 1 FROM users), ?"
                                    + " RETURNING " + COLUMNS,
                            JdbcUserStore::account,
                            username,
                            key(username),
                            passwordHash,
                            clock.instant())
                    .orElseThrow();
        });
    }

    @Override
    public void setDisplayName(long userId, String displayName) {
        jdbc.update("UPDATE users SET display_name = ? WHERE id = ?", displayName, userId);
    }

    @Override
    public Optional<Account> findById(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcUserStore::account, id);
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        return jdbc.one(
                "SELECT " + COLUMNS + " FROM users WHERE username_key = ?", JdbcUserStore::account, key(username));
    }

    @Override
    public List<Account> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM users ORDER BY username_key", JdbcUserStore::account);
    }

    @Override
    public void setPasswordHash(long userId, String passwordHash) {
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Override
    public boolean setAdmin(String username, boolean admin) {
        return jdbc.update("UPDATE users SET is_admin = ? WHERE username_key = ?", admin, key(username)) == 1;
    }

    @Override
    public boolean isEmpty() {
        return jdbc.one("SELECT 1 FROM users LIMIT 1", rs -> true).isEmpty();
    }

    @Override
    public boolean demoteUnlessLast(long userId) {
        return jdbc.tx(c -> {
            Optional<Account> account =
                    Jdbc.one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcUserStore::account, userId);
            if (account.isEmpty() || !account.get().admin()) return true;
            if (isLastActiveAdmin(c, account.get())) return false;
            Jdbc.update(c, "UPDATE users SET is_admin = ? WHERE id = ?", false, userId);
            return true;
        });
    }

    @Override
    public boolean deactivateUnlessLastAdmin(long userId, Instant at) {
        return jdbc.tx(c -> {
            Optional<Account> account =
                    Jdbc.one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcUserStore::account, userId);
            if (account.isEmpty()) return true;
            if (account.get().admin() && isLastActiveAdmin(c, account.get())) return false;
            Jdbc.update(c, "UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL", at, userId);
            return true;
        });
    }

    @Override
    public void reactivate(long userId) {
        jdbc.update("UPDATE users SET deactivated_at = NULL WHERE id = ?", userId);
    }

    @Override
    public java.util.Set<Long> deactivatedIds() {
        return java.util.Set.copyOf(
                jdbc.list("SELECT id FROM users WHERE deactivated_at IS NOT NULL", rs -> rs.getLong("id")));
    }

    @Override
    public java.util.Set<Long> botIds() {
        return java.util.Set.copyOf(jdbc.list("SELECT id FROM users WHERE is_bot = ?", rs -> rs.getLong("id"), true));
    }

    @Override
    public Account registerBot(String username, Instant now) {
        // "!" is no hash any password matches: a bot signs in with its API tokens only.
        return jdbc.one(
                        "INSERT INTO users (username, username_key, password_hash, is_admin, is_bot, created_at)"
                                + " VALUES (?, ?, '!', ?, ?, ?) RETURNING " + COLUMNS,
                        JdbcUserStore::account,
                        username,
                        key(username),
                        false,
                        true,
                        now)
                .orElseThrow();
    }

    /**
     * Whether taking this admin away leaves nobody to administer. Counts under {@link #lockUsers},
     * so that two admins removing each other at once take turns and the second one sees the first.
     */
    private boolean isLastActiveAdmin(java.sql.Connection c, Account admin) throws SQLException {
        lockUsers(c);
        if (admin.deactivated()) return false;
        long active = Jdbc.one(
                        c,
                        "SELECT COUNT(*) AS n FROM users WHERE is_admin = ? AND deactivated_at IS NULL",
                        rs -> rs.getLong("n"),
                        true)
                .orElse(0L);
        return active <= 1;
    }

    /** PostgreSQL only: a lock that conflicts with itself, so checks-then-writes on users take turns. SQLite's writers always do. */
    private void lockUsers(java.sql.Connection c) throws SQLException {
        if (jdbc.isPostgres()) Jdbc.update(c, "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                rs.getBoolean("is_admin"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "deactivated_at"),
                rs.getBoolean("is_bot"),
                rs.getString("display_name"));
    }
}
