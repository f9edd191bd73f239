package dev.parley.store;

import dev.parley.chat.DuplicateException;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.NewChange;
import dev.parley.chat.NewMessage;
import dev.parley.chat.Reply;
import dev.parley.chat.RoomEntry;
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
    static final String SELECT =
            "SELECT m.id, m.room_id, m.seq, m.user_id, u.username, u.display_name, m.content, m.html,"
                    + " m.created_at, m.client_id, m.edited_at, m.deleted_at, m.reply_to, p.seq AS reply_seq,"
                    + " p.user_id AS reply_user_id, pu.username AS reply_username, p.content AS reply_content,"
                    + " p.deleted_at AS reply_deleted_at FROM messages m JOIN users u ON u.id = m.user_id"
                    + " LEFT JOIN messages p ON p.id = m.reply_to LEFT JOIN users pu ON pu.id = p.user_id";

    private final Jdbc jdbc;
    private final Transactions appends;
    private final Clock clock;
    private final JdbcChanges changes;

    /** {@code appends} runs each append's (and change's) transaction: on SQLite, a {@link GroupCommit}. */
    JdbcMessageStore(Jdbc jdbc, Transactions appends, Clock clock) {
        this.jdbc = jdbc;
        this.appends = appends;
        this.clock = clock;
        this.changes = new JdbcChanges(jdbc, appends, clock);
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
                    Appended appended = Jdbc.one(
                                    c,
                                    "INSERT INTO messages (room_id, seq, user_id, content, html, client_id, created_at, reply_to)"
                                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id,"
                                            + " (SELECT username FROM users WHERE id = ?),"
                                            + " (SELECT display_name FROM users WHERE id = ?)",
                                    rs -> new Appended(
                                            new Message(
                                                    rs.getLong(1),
                                                    m.roomId(),
                                                    seq,
                                                    new UserRef(m.userId(), rs.getString(2), rs.getString(3)),
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
                                    m.replyTo(),
                                    m.userId(),
                                    m.userId())
                            .orElseThrow();
                    if (!m.fileIds().isEmpty()) appended = JdbcFileStore.attach(c, appended, m.userId(), m.fileIds());
                    // A reply shows what it answers: read it back with its excerpt.
                    if (m.replyTo() == null) return appended;
                    return new Appended(
                            read(c, appended.message().id())
                                    .orElseThrow()
                                    .withFiles(appended.message().files()),
                            true);
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
        Optional<Message> found = Jdbc.one(
                c, SELECT + " WHERE m.user_id = ? AND m.client_id = ?", JdbcMessageStore::message, userId, clientId);
        return found.isEmpty()
                ? found
                : Optional.of(Reactions.of(c, List.of(found.get())).get(0));
    }

    @Override
    public Optional<Message> find(long messageId) {
        return jdbc.run(c -> read(c, messageId));
    }

    /** The message as it is now, reactions included. */
    static Optional<Message> read(Connection c, long messageId) throws SQLException {
        Optional<Message> found = Jdbc.one(c, SELECT + " WHERE m.id = ?", JdbcMessageStore::message, messageId);
        return found.isEmpty()
                ? found
                : Optional.of(Reactions.of(c, List.of(found.get())).get(0));
    }

    @Override
    public CompletableFuture<Changed> changeAsync(NewChange change) {
        return changes.changeAsync(change);
    }

    @Override
    public List<RoomEntry> entriesAfter(long roomId, long afterSeq, int limit) {
        return jdbc.run(c -> changes.entriesAfter(c, roomId, afterSeq, limit));
    }

    @Override
    public List<Message> before(long roomId, Long beforeSeq, int limit) {
        return jdbc.run(c -> {
            List<Message> oldestFirst = new ArrayList<>(Jdbc.list(
                    c,
                    SELECT + " WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?",
                    JdbcMessageStore::message,
                    roomId,
                    beforeSeq == null ? Long.MAX_VALUE : beforeSeq,
                    limit));
            Collections.reverse(oldestFirst);
            return Reactions.of(c, oldestFirst);
        });
    }

    @Override
    public List<Message> after(long roomId, long afterSeq, int limit) {
        return jdbc.run(c -> after(c, roomId, afterSeq, limit));
    }

    static List<Message> after(Connection c, long roomId, long afterSeq, int limit) throws SQLException {
        return Reactions.of(
                c,
                Jdbc.list(
                        c,
                        SELECT + " WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
                        JdbcMessageStore::message,
                        roomId,
                        afterSeq,
                        limit));
    }

    /** A row of {@link #SELECT}, without its reactions ({@link Reactions#of} adds them). */
    static Message message(ResultSet rs) throws SQLException {
        Long replyTo = Jdbc.nullableLong(rs, "reply_to");
        Reply reply = replyTo == null
                ? null
                : new Reply(
                        replyTo,
                        rs.getLong("reply_seq"),
                        new UserRef(rs.getLong("reply_user_id"), rs.getString("reply_username")),
                        Reply.excerptOf(rs.getString("reply_content")),
                        Jdbc.instant(rs, "reply_deleted_at") != null);
        return new Message(
                rs.getLong("id"),
                rs.getLong("room_id"),
                rs.getLong("seq"),
                new UserRef(rs.getLong("user_id"), rs.getString("username"), rs.getString("display_name")),
                rs.getString("content"),
                rs.getString("html"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("client_id"),
                Jdbc.instant(rs, "edited_at"),
                Jdbc.instant(rs, "deleted_at") != null,
                reply,
                List.of());
    }
}
