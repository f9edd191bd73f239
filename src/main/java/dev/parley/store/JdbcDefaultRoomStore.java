package dev.parley.store;

import dev.parley.chat.DefaultRoomStore;
import java.util.List;

final class JdbcDefaultRoomStore implements DefaultRoomStore {

    private final Jdbc jdbc;

    JdbcDefaultRoomStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> roomIds() {
        return jdbc.list("SELECT room_id FROM default_rooms ORDER BY room_id", rs -> rs.getLong("room_id"));
    }

    @Override
    public boolean mark(long roomId, boolean isDefault) {
        if (!isDefault) return jdbc.update("DELETE FROM default_rooms WHERE room_id = ?", roomId) == 1;
        return jdbc.update("INSERT INTO default_rooms (room_id) VALUES (?) ON CONFLICT (room_id) DO NOTHING", roomId)
                == 1;
    }
}
