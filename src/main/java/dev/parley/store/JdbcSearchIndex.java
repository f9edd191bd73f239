package dev.parley.store;

import dev.parley.chat.Message;
import dev.parley.chat.SearchIndex;
import dev.parley.chat.SearchTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The search index of either database, kept by the schema itself (migration V9): on SQLite an
 * FTS5 table filled by triggers on {@code messages}, on PostgreSQL a generated {@code tsvector}
 * column with a GIN index. Either way an insert, update or delete of a message row changes the
 * index in its own statement, so appends stay two statements and the index is never out of step.
 * Terms hold only letters and digits, so quoting each word is all the escaping either query
 * syntax needs.
 */
final class JdbcSearchIndex implements SearchIndex {

    private final Jdbc jdbc;

    JdbcSearchIndex(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Message> search(Criteria c) {
        if (c.roomIds().isEmpty() || c.limit() < 1) return List.of();
        boolean postgres = jdbc.isPostgres();
        boolean fts = !c.terms().isEmpty() && !postgres;
        var sql = new StringBuilder(JdbcMessageStore.SELECT);
        var args = new ArrayList<Object>();
        if (fts) {
            // FTS5 walks its matches newest first and stops at the limit.
            sql.append(" JOIN messages_fts f ON f.rowid = m.id WHERE messages_fts MATCH ?");
            args.add(sqliteMatch(c.terms()));
        } else if (!c.terms().isEmpty()) {
            sql.append(" WHERE m.search @@ to_tsquery('simple', ?)");
            args.add(postgresQuery(c.terms()));
        } else {
            sql.append(" WHERE TRUE");
        }
        String id = fts ? "f.rowid" : "m.id";
        // A deleted message's text is gone from the index already; without terms, its blank row must not show either.
        sql.append(" AND m.deleted_at IS NULL");
        if (c.authorId() != null) {
            sql.append(" AND m.user_id = ?");
            args.add(c.authorId());
        }
        if (c.from() != null) {
            sql.append(" AND m.created_at >= ?");
            args.add(c.from());
        }
        if (c.until() != null) {
            sql.append(" AND m.created_at < ?");
            args.add(c.until());
        }
        if (c.withFiles()) sql.append(" AND EXISTS (SELECT 1 FROM files fl WHERE fl.message_id = m.id)");
        if (c.beforeId() != null) {
            sql.append(" AND ").append(id).append(" < ?");
            args.add(c.beforeId());
        }
        sql.append(postgres ? " AND m.room_id = ANY(?)" : " AND m.room_id IN (SELECT value FROM json_each(?))");
        // Within one room, seq follows id (both grow with each append under the room's lock), and
        // ordering by the room's own index lets PostgreSQL walk that room newest first instead of
        // intersecting its whole GIN match list with the room, which a short prefix makes huge.
        boolean oneRoom = c.roomIds().size() == 1 && !fts;
        sql.append(oneRoom ? " ORDER BY m.room_id DESC, m.seq DESC LIMIT ?" : " ORDER BY " + id + " DESC LIMIT ?");
        return jdbc.run(conn -> {
            args.add(
                    postgres
                            ? conn.createArrayOf("bigint", c.roomIds().toArray())
                            : c.roomIds().toString());
            args.add(c.limit());
            return Jdbc.list(conn, sql.toString(), JdbcMessageStore::message, args.toArray());
        });
    }

    /** {@code "w1 w2" * AND "w3"}: FTS5 phrases, the last word of a prefix term marked with {@code *}. */
    static String sqliteMatch(List<SearchTerm> terms) {
        return terms.stream()
                .map(t -> '"' + String.join(" ", t.words()) + '"' + (t.prefix() ? " *" : ""))
                .collect(Collectors.joining(" AND "));
    }

    /** {@code 'w1' <-> 'w2':* & 'w3'}: tsquery phrases, the last word of a prefix term marked {@code :*}. */
    static String postgresQuery(List<SearchTerm> terms) {
        return terms.stream()
                .map(t -> "(" + t.words().stream().map(w -> "'" + w + "'").collect(Collectors.joining(" <-> "))
                        + (t.prefix() ? ":*" : "") + ")")
                .collect(Collectors.joining(" & "));
    }
}
