package dev.parley.store;

import dev.parley.chat.Change;
import dev.parley.chat.Change.Kind;
import dev.parley.chat.ChatException;
import dev.parley.chat.DuplicateException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore.Changed;
import dev.parley.chat.NewChange;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Changes to messages (the other half of {@link JdbcMessageStore}): each applied to the message's
 * current state and recorded under the room's next seq, in one transaction run like an append.
 */
final class JdbcChanges {

    private static final String SELECT = "SELECT c.id, c.room_id, c.seq, c.message_id, c.kind, c.user_id, u.username,"
            + " c.emoji, c.content, c.html, c.created_at, c.client_id FROM message_changes c JOIN users u ON u.id = c.user_id";

    private final Jdbc jdbc;
    private final Transactions appends;
    private final Clock clock;

    JdbcChanges(Jdbc jdbc, Transactions appends, Clock clock) {
        this.jdbc = jdbc;
        this.appends = appends;
        this.clock = clock;
    }

    CompletableFuture<Changed> changeAsync(NewChange nc) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return appends.txAsync(c -> apply(c, nc, at)).exceptionallyCompose(failure -> {
            Throwable cause = Futures.cause(failure);
            if (cause instanceof DuplicateException || cause instanceof StoreException) {
                // A concurrent retry stored it first, or the database failed around a commit that may have happened.
                try {
                    Optional<Changed> stored = jdbc.run(c -> byClientId(c, nc));
                    if (stored.isPresent()) {
                        Changed s = stored.get();
                        return CompletableFuture.completedFuture(new Changed(
                                s.change(),
                                s.message(),
                                !(cause instanceof DuplicateException)
                                        && s.change().createdAt().equals(at)));
                    }
                } catch (StoreException lookupFailed) {
                    cause.addSuppressed(lookupFailed);
                }
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private Changed apply(Connection c, NewChange nc, Instant at) throws SQLException {
        Optional<Changed> retried = byClientId(c, nc);
        if (retried.isPresent()) return retried.get();
        Message before = JdbcMessageStore.read(c, nc.messageId())
                .filter(m -> m.roomId() == nc.roomId())
                .orElseThrow(() -> ChatException.notFound("message"));
        if (before.deleted()) {
            if (nc.kind() == Kind.DELETE) return new Changed(null, before, false);
            throw new ChatException(ErrorCode.CONFLICT, "This message was deleted.");
        }
        if (nc.kind() == Kind.REACT || nc.kind() == Kind.UNREACT) {
            boolean there = Jdbc.one(
                            c,
                            "SELECT 1 FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?",
                            rs -> true,
                            nc.messageId(),
                            nc.emoji(),
                            nc.userId())
                    .isPresent();
            if (there == (nc.kind() == Kind.REACT)) return new Changed(null, before, false);
        }
        long seq = Jdbc.one(
                        c,
                        "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
                        rs -> rs.getLong(1),
                        nc.roomId())
                .orElseThrow();
        switch (nc.kind()) {
            case EDIT ->
                Jdbc.update(
                        c,
                        "UPDATE messages SET content = ?, html = ?, edited_at = ? WHERE id = ?",
                        nc.content(),
                        nc.html(),
                        at,
                        nc.messageId());
            case DELETE -> {
                // Removed from storage, not hidden: the text, its markup, its earlier versions and its reactions.
                Jdbc.update(
                        c,
                        "UPDATE messages SET content = '', html = '', deleted_at = ? WHERE id = ?",
                        at,
                        nc.messageId());
                Jdbc.update(
                        c, "UPDATE message_changes SET content = '', html = '' WHERE message_id = ?", nc.messageId());
                Jdbc.update(c, "DELETE FROM reactions WHERE message_id = ?", nc.messageId());
            }
            case REACT ->
                Jdbc.update(
                        c,
                        "INSERT INTO reactions (message_id, emoji, user_id, seq) VALUES (?, ?, ?, ?)",
                        nc.messageId(),
                        nc.emoji(),
                        nc.userId(),
                        seq);
            case UNREACT ->
                Jdbc.update(
                        c,
                        "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?",
                        nc.messageId(),
                        nc.emoji(),
                        nc.userId());
        }
        long id = Jdbc.one(
                        c,
                        "INSERT INTO message_changes (room_id, seq, message_id, user_id, kind, emoji, content, html,"
                                + " client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        rs -> rs.getLong(1),
                        nc.roomId(),
                        seq,
                        nc.messageId(),
                        nc.userId(),
                        nc.kind().column(),
                        nc.emoji(),
                        nc.content(),
                        nc.html(),
                        nc.clientId(),
                        at)
                .orElseThrow();
        Message after = JdbcMessageStore.read(c, nc.messageId()).orElseThrow();
        String username = Jdbc.one(c, "SELECT username FROM users WHERE id = ?", rs -> rs.getString(1), nc.userId())
                .orElseThrow();
        return new Changed(
                new Change(
                        id,
                        nc.roomId(),
                        seq,
                        nc.messageId(),
                        nc.kind(),
                        new UserRef(nc.userId(), username),
                        nc.emoji(),
                        nc.content(),
                        nc.html(),
                        at,
                        nc.clientId(),
                        after),
                after,
                true);
    }

    /** The change this user already stored with this clientId, with its message as it is now. */
    private static Optional<Changed> byClientId(Connection c, NewChange nc) throws SQLException {
        if (nc.clientId() == null) return Optional.empty();
        Optional<Change> stored = Jdbc.one(
                c,
                SELECT + " WHERE c.user_id = ? AND c.client_id = ?",
                JdbcChanges::change,
                nc.userId(),
                nc.clientId());
        if (stored.isEmpty()) return Optional.empty();
        Change change = stored.get();
        if (change.messageId() != nc.messageId() || change.kind() != nc.kind()) {
            throw ChatException.invalid("clientId", "This clientId was already used for another change.");
        }
        Message now = JdbcMessageStore.read(c, change.messageId()).orElseThrow();
        return Optional.of(new Changed(withMessage(change, now), now, false));
    }

    List<RoomEntry> entriesAfter(Connection c, long roomId, long afterSeq, int limit) throws SQLException {
        List<Message> messages = JdbcMessageStore.after(c, roomId, afterSeq, limit);
        List<Change> changes = Jdbc.list(
                c,
                SELECT + " WHERE c.room_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?",
                JdbcChanges::change,
                roomId,
                afterSeq,
                limit);
        var entries = new ArrayList<RoomEntry>(messages);
        if (!changes.isEmpty()) {
            Map<Long, Message> now = new HashMap<>();
            for (Message m : messages) now.put(m.id(), m);
            for (Change change : changes) {
                Message m = now.get(change.messageId());
                if (m == null) {
                    m = JdbcMessageStore.read(c, change.messageId()).orElseThrow();
                    now.put(m.id(), m);
                }
                entries.add(withMessage(change, m));
            }
            entries.sort(Comparator.comparingLong(RoomEntry::seq));
        }
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    private static Change withMessage(Change change, Message now) {
        return change.withMarkup(change.html(), now);
    }

    private static Change change(ResultSet rs) throws SQLException {
        return new Change(
                rs.getLong("id"),
                rs.getLong("room_id"),
                rs.getLong("seq"),
                rs.getLong("message_id"),
                Kind.ofColumn(rs.getString("kind")),
                new UserRef(rs.getLong("user_id"), rs.getString("username")),
                rs.getString("emoji"),
                rs.getString("content"),
                rs.getString("html"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("client_id"),
                null);
    }
}
