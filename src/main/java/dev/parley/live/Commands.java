package dev.parley.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.ChatException;
import dev.parley.chat.MessageStore.Appended;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.ReadMarks.Mark;
import dev.parley.chat.Room;
import dev.parley.chat.Rooms;
import dev.parley.chat.Typing;
import dev.parley.chat.UserRef;
import dev.parley.render.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each client event does: validate the payload, call the service (which checks membership
 * and publishes after its commit), and return the ack's data. Identity always comes from the
 * connection's verified principal, never from the frame.
 */
final class Commands {

    static final int MAX_SYNC_ROOMS = 200;

    record Member(long id, String username, boolean online, String status, String text) {}

    record JoinedRoom(
            long id,
            String name,
            @JsonProperty("private") boolean isPrivate,
            String kind,
            long lastSeq,
            List<Member> members) {}

    private final Rooms rooms;
    private final Messages messages;
    private final Typing typing;
    private final Presence presence;
    private final ReadMarks readMarks;
    private final Hub hub;
    private final TokenExpiry tokens;

    Commands(
            Rooms rooms,
            Messages messages,
            Typing typing,
            Presence presence,
            ReadMarks readMarks,
            Hub hub,
            TokenExpiry tokens) {
        this.rooms = rooms;
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.readMarks = readMarks;
        this.hub = hub;
        this.tokens = tokens;
    }

    /** The ack's data, or, for a send, a future of it that completes once the message is durable. */
    Object run(Connection c, Inbound in) {
        Principal me = c.principal;
        return switch (in.event()) {
            case "join-room" -> join(c, in.id("roomId"));
            case "leave-room" -> {
                long roomId = in.id("roomId");
                rooms.leave(me, roomId);
                c.typingIn.remove(roomId);
                yield Map.of();
            }
            case "send-message" -> {
                List<String> files = Json.optionalTextList(in.data(), "files");
                yield messages.postAsync(
                                me,
                                in.id("roomId"),
                                files.isEmpty() ? in.text("content") : in.optionalText("content"),
                                in.optionalText("clientId"),
                                in.optionalId("replyTo"),
                                files)
                        .thenApply(Appended::message);
            }
            case "edit-message" ->
                messages.changes()
                        .editAsync(
                                me,
                                in.id("roomId"),
                                in.id("messageId"),
                                in.text("content"),
                                in.optionalText("clientId"))
                        .thenApply(Wire.ChangeResult::of);
            case "delete-message" ->
                messages.changes()
                        .deleteAsync(me, in.id("roomId"), in.id("messageId"), in.optionalText("clientId"))
                        .thenApply(Wire.ChangeResult::of);
            case "add-reaction", "remove-reaction" ->
                messages.changes()
                        .reactAsync(
                                me,
                                in.id("roomId"),
                                in.id("messageId"),
                                in.text("emoji"),
                                in.event().equals("add-reaction"),
                                in.optionalText("clientId"))
                        .thenApply(Wire.ChangeResult::of);
            case "typing-start" -> {
                long roomId = in.id("roomId");
                typing.start(me, roomId);
                c.typingIn.add(roomId);
                yield Map.of();
            }
            case "typing-stop" -> {
                long roomId = in.id("roomId");
                typing.stop(me, roomId);
                c.typingIn.remove(roomId);
                yield Map.of();
            }
            case "mark-read" -> markRead(me, in);
            case "update-presence" -> {
                presence.update(me, in.text("status"), in.optionalText("text"));
                yield Map.of();
            }
            case "sync" -> hub.sync(c, cursors(in));
            case "refresh-token" -> tokens.renew(c, in.text("accessToken"));
            default -> throw ChatException.invalid("event", "Unknown event \"" + in.event() + "\".");
        };
    }

    private JoinedRoom join(Connection c, long roomId) {
        Room room = rooms.join(c.principal, roomId);
        hub.follow(c, roomId);
        List<UserRef> members = rooms.members(c.principal, roomId);
        Map<Long, Status> statuses =
                presence.statuses(members.stream().map(UserRef::id).toList());
        return new JoinedRoom(
                room.id(),
                room.name(),
                room.isPrivate(),
                room.kind().name().toLowerCase(Locale.ROOT),
                room.lastSeq(),
                members.stream()
                        .map(u -> {
                            Status s = statuses.get(u.id());
                            return new Member(u.id(), u.username(), s.online(), s.status(), s.text());
                        })
                        .toList());
    }

    private List<Mark> markRead(Principal me, Inbound in) {
        if (in.has("messageIds")) {
            JsonNode ids = in.data().get("messageIds");
            if (!ids.isArray()) throw ChatException.invalid("messageIds", "\"messageIds\" must be an array of ids.");
            List<Long> messageIds = new ArrayList<>();
            for (JsonNode id : ids) messageIds.add(Inbound.positive(id, "messageIds"));
            return readMarks.markRead(me, messageIds);
        }
        long roomId = in.id("roomId");
        return List.of(new Mark(roomId, readMarks.markRead(me, roomId, in.count("seq"))));
    }

    /** {@code {"rooms": {"7": 42}}}, or, as a page's form sends it, {@code roomId} and {@code lastSeq}. */
    private static Map<Long, Long> cursors(Inbound in) {
        var cursors = new LinkedHashMap<Long, Long>();
        if (in.has("rooms")) {
            JsonNode rooms = in.data().get("rooms");
            if (!rooms.isObject())
                throw ChatException.invalid("rooms", "\"rooms\" must map room ids to the last seq you have.");
            if (rooms.size() > MAX_SYNC_ROOMS)
                throw ChatException.invalid("rooms", "At most " + MAX_SYNC_ROOMS + " rooms per sync.");
            var fields = rooms.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                long roomId =
                        Inbound.positive(com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey()), "rooms");
                cursors.put(roomId, Inbound.nonNegative(field.getValue(), "rooms"));
            }
        } else {
            cursors.put(in.id("roomId"), in.count("lastSeq"));
        }
        return cursors;
    }
}
