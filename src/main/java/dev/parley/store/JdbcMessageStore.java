package dev.parley.store;

import dev.parley.Futures;
import dev.parley.chat.Message;
import dev.parley.chat.NewMessage;
import dev.parley.chat.UserRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

final class JdbcMessageStore implements MessageStore {

    private static final String SELECT = "SELECT m.id, m.room_id, m.seq, m.user_id, u.username, m.content, m.html,"
            + " m.created_at, m.client_id FROM messages m JOIN users u ON u.id = m.user_id";

    private final Jdbc jdbc;
    private final Transactions appends;
    private final Clock clock;

    /** {@code appends} runs each append's transaction: on SQLite, a {@link GroupCommit}. */
    JdbcMessageStore(Jdbc jdbc, Transactions appends, Clock clock) {
        this.jdbc = jdbc;
        this.appends = appends;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Appended> appendAsync(NewMessage m) {
        return appends.txAsync(c -> {
            Optional<Message> earlier = byClientId(c, m.userId(), m.clientId());
            if (earlier.isPresent()) {
                return new Appended(earlier.get(), false);
            }
            // The row lock taken here orders concurrent posts to the room; a rollback gives the seq back.
            long seq = Jdbc.one(c, "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
                            rs -> rs.getLong(1), m.roomId())
                    .orElseThrow(() -> new IllegalArgumentException("no room " + m.roomId()));
            long id = Jdbc.one(c, "INSERT INTO messages (room_id, seq, user_id, content, html, client_id, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    rs -> rs.getLong(1), m.roomId(), seq, m.userId(), m.content(), m.html(), m.clientId(),
                    clock.instant()).orElseThrow();
            return new Appended(Jdbc.one(c, SELECT + " WHERE m.id = ?", JdbcMessageStore::message, id).orElseThrow(), true);
        }).exceptionallyCompose(failure -> {
            // A concurrent retry with the same clientId committed first: answer with its message.
            if (!(Futures.cause(failure) instanceof DuplicateException raced)) return CompletableFuture.failedFuture(Futures.cause(failure));
            return jdbc.run(c -> byClientId(c, m.userId(), m.clientId()))
                    .map(original -> CompletableFuture.completedFuture(new Appended(original, false)))
                    .orElseGet(() -> CompletableFuture.failedFuture(raced));
        });
    }

    private static Optional<Message> byClientId(Connection c, long userId, String clientId) throws SQLException {
        if (clientId == null) {
            return Optional.empty();
        }
        return Jdbc.one(c, SELECT + " WHERE m.user_id = ? AND m.client_id = ?", JdbcMessageStore::message, userId, clientId);
    }

    @Override
    public Optional<Message> find(long messageId) {
        return jdbc.one(SELECT + " WHERE m.id = ?", JdbcMessageStore::message, messageId);
    }

    @Override
    public List<Message> before(long roomId, Long beforeSeq, int limit) {
        List<Message> newestFirst = jdbc.list(SELECT + " WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?",
                JdbcMessageStore::message, roomId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit);
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public List<Message> after(long roomId, long afterSeq, int limit) {
        return jdbc.list(SELECT + " WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
                JdbcMessageStore::message, roomId, afterSeq, limit);
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("room_id"), rs.getLong("seq"),
                new UserRef(rs.getLong("user_id"), rs.getString("username")), rs.getString("content"),
                rs.getString("html"), Jdbc.instant(rs, "created_at"), rs.getString("client_id"));
    }
}
