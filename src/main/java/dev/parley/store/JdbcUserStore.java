package dev.parley.store;
import dev.parley.chat.UserStore;

import dev.parley.chat.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

final class JdbcUserStore implements UserStore {

    private static final String COLUMNS = "id, username, password_hash, is_admin, created_at";

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
            if (jdbc.isPostgres()) {
                // Two first sign-ups would both see an empty table under READ COMMITTED;
                // this lock conflicts with itself, so registrations take turns.
                Jdbc.update(c, "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
            }
            return Jdbc.one(c, "INSERT INTO users (username, username_key, password_hash, is_admin, created_at)"
                            + " SELECT ?, ?, ?, NOT EXISTS (SELECT 1 FROM users), ?"
                            + " RETURNING " + COLUMNS,
                    JdbcUserStore::account, username, key(username), passwordHash, clock.instant()).orElseThrow();
        });
    }

    @Override
    public Optional<Account> findById(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcUserStore::account, id);
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        return jdbc.one("SELECT " + COLUMNS + " FROM users WHERE username_key = ?", JdbcUserStore::account, key(username));
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

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                rs.getBoolean("is_admin"), Jdbc.instant(rs, "created_at"));
    }
}
