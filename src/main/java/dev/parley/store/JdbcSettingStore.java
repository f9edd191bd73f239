package dev.parley.store;

import dev.parley.chat.SettingStore;
import java.util.Optional;

final class JdbcSettingStore implements SettingStore {

    private final Jdbc jdbc;

    JdbcSettingStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> get(String name) {
        return jdbc.one("SELECT value FROM settings WHERE name = ?", rs -> rs.getString("value"), name);
    }

    @Override
    public void put(String name, String value) {
        jdbc.update(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name,
                value);
    }
}
