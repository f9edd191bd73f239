package dev.parley.chat;

import java.util.Optional;

/**
 * Instance-wide choices an admin made, by name. Shared by every instance through the database, and
 * read fresh each time: an admin's change applies everywhere at once.
 */
public interface SettingStore {

    Optional<String> get(String name);

    /** Inserts or replaces. */
    void put(String name, String value);
}
