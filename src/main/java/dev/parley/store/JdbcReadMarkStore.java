package dev.parley.store;

import dev.parley.chat.ReadMarkStore;

final class JdbcReadMarkStore implements ReadMarkStore {

    private final Jdbc jdbc;

    JdbcReadMarkStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean advance(long userId, long roomId, long seq) {
        return jdbc.update(
                        "INSERT INTO read_marks (user_id, room_id, seq) VALUES (?, ?, ?)"
                                + " ON CONFLICT (user_id, room_id) DO UPDATE SET seq = excluded.seq"
                                + " WHERE read_marks.seq < excluded.seq",
                        userId,
                        roomId,
                        seq)
                == 1;
    }

    @Override
    public long watermark(long userId, long roomId) {
        return jdbc.one(
                        "SELECT seq FROM read_marks WHERE user_id = ? AND room_id = ?",
                        rs -> rs.getLong(1),
                        userId,
                        roomId)
                .orElse(0L);
    }

    @Override
    public java.util.Map<Long, Long> watermarks(long roomId) {
        var marks = new java.util.HashMap<Long, Long>();
        jdbc.list(
                "SELECT user_id, seq FROM read_marks WHERE room_id = ?",
                rs -> marks.put(rs.getLong(1), rs.getLong(2)),
                roomId);
        return marks;
    }
}
