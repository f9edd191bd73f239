package dev.parley.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.chat.Change;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore;
import dev.parley.chat.UserRef;
import dev.parley.render.Json;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the socket protocol (docs/protocol.md). */
final class Wire {

    private Wire() {}

    record Event(String event, Object data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(Object ack, boolean success, Object data, ErrorBody error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(String code, String message, String field, Long retryAfterMs) {}

    record MemberJoined(long roomId, UserRef user) {}

    record MemberLeft(long roomId, long userId) {}

    record UserTyping(long roomId, long userId, String username) {}

    record UserStoppedTyping(long roomId, long userId) {}

    record MessageRead(long roomId, long userId, long seq) {}

    record PresenceView(long userId, String username, String status, String text, boolean online, Instant lastSeen) {
        static PresenceView of(UserRef user, Status s) {
            return new PresenceView(user.id(), user.username(), s.status(), s.text(), s.online(), s.lastSeen());
        }
    }

    record OnlineUsers(List<PresenceView> users) {}

    record Synced(int replayed, boolean gap) {}

    /**
     * A change to a message, as {@code message-edited}, {@code message-deleted}, {@code reaction-added}
     * and {@code reaction-removed} carry it: an edit's new text, a reaction's emoji.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageChange(
            long roomId,
            long seq,
            long messageId,
            UserRef user,
            String content,
            String html,
            String emoji,
            Instant changedAt,
            String clientId) {
        static MessageChange of(Change c) {
            boolean edit = c.kind() == Change.Kind.EDIT;
            return new MessageChange(
                    c.roomId(),
                    c.seq(),
                    c.messageId(),
                    c.user(),
                    edit ? c.content() : null,
                    edit ? c.html() : null,
                    c.emoji(),
                    c.createdAt(),
                    c.clientId());
        }
    }

    /** What an edit, delete or reaction is answered with: the change's seq (null when nothing changed) and the message as it now is. */
    record ChangeResult(Long seq, Message message) {
        static ChangeResult of(MessageStore.Changed changed) {
            return new ChangeResult(
                    changed.change() == null ? null : changed.change().seq(), changed.message());
        }
    }

    static String event(String name, Object data) {
        return Json.write(new Event(name, data));
    }

    static String ok(Object ack, Object data) {
        return Json.write(new Ack(ack, true, data == null ? java.util.Map.of() : data, null));
    }

    static String failed(Object ack, String code, String message, String field, Long retryAfterMs) {
        return Json.write(new Ack(ack, false, null, new ErrorBody(code, message, field, retryAfterMs)));
    }
}
