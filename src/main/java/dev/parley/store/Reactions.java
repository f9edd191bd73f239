package dev.parley.store;

import dev.parley.chat.Message;
import dev.parley.chat.Reaction;
import dev.parley.chat.UserRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads who reacted with what to a list of messages, in one statement, and adds it to them. */
final class Reactions {

    private Reactions() {}

    static List<Message> of(Connection c, List<Message> messages) throws SQLException {
        if (messages.isEmpty()) return messages;
        String marks = String.join(",", Collections.nCopies(messages.size(), "?"));
        record Row(long messageId, String emoji, UserRef user) {}
        List<Row> rows = Jdbc.list(
                c,
                "SELECT r.message_id, r.emoji, r.user_id, u.username FROM reactions r JOIN users u ON u.id = r.user_id"
                        + " WHERE r.message_id IN (" + marks + ") ORDER BY r.message_id, r.seq",
                rs -> new Row(rs.getLong(1), rs.getString(2), new UserRef(rs.getLong(3), rs.getString(4))),
                messages.stream().map(Message::id).toArray());
        if (rows.isEmpty()) return messages;
        // Emojis in the order each was first given, people in the order they gave it.
        Map<Long, Map<String, List<UserRef>>> byMessage = new HashMap<>();
        for (Row r : rows) {
            byMessage
                    .computeIfAbsent(r.messageId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(r.emoji(), e -> new ArrayList<>())
                    .add(r.user());
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, List<UserRef>> emojis = byMessage.get(m.id());
            out.add(emojis == null ? m : withReactions(m, emojis));
        }
        return out;
    }

    private static Message withReactions(Message m, Map<String, List<UserRef>> emojis) {
        List<Reaction> reactions = new ArrayList<>();
        emojis.forEach((emoji, users) -> reactions.add(new Reaction(emoji, users)));
        return new Message(
                m.id(),
                m.roomId(),
                m.seq(),
                m.user(),
                m.content(),
                m.html(),
                m.createdAt(),
                m.clientId(),
                m.editedAt(),
                m.deleted(),
                m.reply(),
                reactions);
    }
}
