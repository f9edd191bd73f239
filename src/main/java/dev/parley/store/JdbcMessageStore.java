package dev.parley.store;

import dev.parley.chat.DuplicateException;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.NewMessage;
import dev.parley.chat.StoreException;
import dev.parley.chat.UserRef;
import dev.parley.util.Futures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

final class JdbcMessageStore implements MessageStore {

    /** Messages with their authors' names; {@link #message} reads its rows. */
    static final String SELECT = "SELECT m.id, m.room_id, m.seq, m.user_id, u.username, m.content, m.html,"
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

    /**
     * Two statements per message: take the room's next seq, insert. A retry is found by the
     * unique (user, clientId) index refusing the insert, which rolls the seq back with it; only
     * then is the original read.
     */
    @Override
    public CompletableFuture<Appended> appendAsync(NewMessage m) {
        // Stored as epoch milliseconds: the message returned must equal the one read back later.
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return appends.txAsync(c -> {
                    // The row lock taken here orders concurrent posts to the room; a rollback gives the seq back.
                    long seq = Jdbc.one(
                                    c,
                                    "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
                                    rs -> rs.getLong(1),
                                    m.roomId())
                            .orElseThrow(() -> new IllegalArgumentException("no room " + m.roomId()));
                    return Jdbc.one(
                                    c,
                                    "INSERT INTO messages (room_id, seq, user_id, content, html, client_id, created_at)"
                                            + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, (SELECT username FROM users WHERE id = ?)",
                                    rs -> new Appended(
                                            new Message(
                                                    rs.getLong(1),
                                                    m.roomId(),
                                                    seq,
                                                    new UserRef(m.userId(), rs.getString(2)),
                                                    m.content(),
                                                    m.html(),
                                                    createdAt,
                                                    m.clientId()),
                                            true),
                                    m.roomId(),
                                    seq,
                                    m.userId(),
                                    m.content(),
                                    m.html(),
                                    m.clientId(),
                                    createdAt,
                                    m.userId())
                            .orElseThrow();
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = Futures.cause(failure);
                    if (cause instanceof DuplicateException duplicate) {
                        // A retry (or a concurrent one) of a message this user already stored: answer with it.
                        return jdbc.run(c -> byClientId(c, m.userId(), m.clientId()))
                                .map(original -> CompletableFuture.completedFuture(new Appended(original, false)))
                                .orElseGet(() -> CompletableFuture.failedFuture(duplicate));
                    }
                    if (cause instanceof StoreException unknown) return settle(m, createdAt, unknown);
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /**
     * The database failed around the append, so it may or may not have committed (a commit can
     * succeed and still throw, when the driver's next {@code BEGIN} finds the file busy). The
     * clientId tells: stored with this attempt's timestamp, it is this attempt's message; stored
     * with another, an earlier attempt's. Otherwise, or when even the lookup fails, the original
     * failure stands, and the caller must say that a retry with the same clientId is safe. (No
     * lookup when no connection was had at all: nothing was written, and the lookup would only
     * wait for a connection again.)
     */
    private CompletableFuture<Appended> settle(NewMessage m, Instant createdAt, StoreException unknown) {
        if (m.clientId() == null || unknown instanceof NothingWritten) return CompletableFuture.failedFuture(unknown);
        try {
            return jdbc.run(c -> byClientId(c, m.userId(), m.clientId()))
                    .map(stored -> CompletableFuture.completedFuture(
                            new Appended(stored, stored.createdAt().equals(createdAt))))
                    .orElseGet(() -> CompletableFuture.failedFuture(unknown));
        } catch (StoreException lookupFailed) {
            unknown.addSuppressed(lookupFailed);
            return CompletableFuture.failedFuture(unknown);
        }
    }

    private static Optional<Message> byClientId(Connection c, long userId, String clientId) throws SQLException {
        if (clientId == null) {
            return Optional.empty();
        }
        return Jdbc.one(
                c, SELECT + " WHERE m.user_id = ? AND m.client_id = ?", JdbcMessageStore::message, userId, clientId);
    }

    @Override
    public Optional<Message> find(long messageId) {
        return jdbc.one(SELECT + " WHERE m.id = ?", JdbcMessageStore::message, messageId);
    }

    @Override
    public List<Message> before(long roomId, Long beforeSeq, int limit) {
        List<Message> newestFirst = jdbc.list(
                SELECT + " WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?",
                JdbcMessageStore::message,
                roomId,
                beforeSeq == null ? Long.MAX_VALUE : beforeSeq,
                limit);
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public List<Message> after(long roomId, long afterSeq, int limit) {
        return jdbc.list(
                SELECT + " WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
                JdbcMessageStore::message,
                roomId,
                afterSeq,
                limit);
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(
                rs.getLong("id"),
                rs.getLong("room_id"),
                rs.getLong("seq"),
                new UserRef(rs.getLong("user_id"), rs.getString("username")),
                rs.getString("content"),
                rs.getString("html"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("client_id"));
    }
}
