package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Changes;
import dev.parley.chat.ChatException;
import dev.parley.chat.Message;
import dev.parley.chat.MessageStore.Changed;
import dev.parley.chat.Messages;
import dev.parley.chat.Room;
import dev.parley.chat.Rooms;
import dev.parley.render.Templates;
import dev.parley.util.Futures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code /rooms/{id}/messages/{messageId}} and its forms: edit, delete, react and reply without
 * JavaScript. This page is drawn for one person, so it may show only what they may do; the
 * message as the room shows it stays the same for everyone.
 */
final class MessagePages extends PageServlet {

    /** The short palette offered first; any other emoji may be typed. */
    static final List<String> PALETTE = List.of("👍", "❤️", "😂", "🎉", "😮", "😢", "👀", "✅");

    private final Rooms rooms;
    private final Messages messages;
    private final Changes changes;

    MessagePages(Rooms rooms, Messages messages, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.rooms = rooms;
        this.messages = messages;
        this.changes = messages.changes();
    }

    void show(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId, long messageId)
            throws IOException {
        Message message = messages.find(me, roomId, messageId);
        Room room = rooms.visible(me, roomId);
        boolean member = rooms.isMember(me, roomId);
        boolean mine = message.user().id() == me.userId();
        boolean owner = room.ownerId() != null && room.ownerId() == me.userId();
        page(
                req,
                res,
                200,
                "pages/message.jte",
                Map.of(
                        "room",
                        room,
                        "message",
                        message,
                        "canEdit",
                        member && mine && !message.deleted(),
                        "canDelete",
                        !message.deleted() && (mine || owner || me.admin()),
                        "canReact",
                        member && !message.deleted(),
                        "palette",
                        PALETTE));
    }

    /** {@code edit}, {@code delete} or {@code reactions} (a toggle of the emoji posted); then back to the message in its room. */
    void act(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId, long messageId, String action)
            throws IOException {
        String clientId = req.getParameter("clientId");
        Changed changed = Futures.join(
                switch (action) {
                    case "edit" -> changes.editAsync(me, roomId, messageId, req.getParameter("content"), clientId);
                    case "delete" -> changes.deleteAsync(me, roomId, messageId, clientId);
                    case "reactions" -> {
                        String emoji = req.getParameter("emoji");
                        yield changes.reactAsync(
                                me, roomId, messageId, emoji, !reacted(me, roomId, messageId, emoji), clientId);
                    }
                    default -> throw ChatException.notFound("page");
                });
        Message m = changed.message();
        res.sendRedirect("/rooms/" + roomId + "?at=" + m.seq() + "#" + Dom.message(m.id()));
    }

    private boolean reacted(Principal me, long roomId, long messageId, String emoji) {
        if (emoji == null) return false;
        return messages.find(me, roomId, messageId).reactions().stream()
                .anyMatch(r ->
                        r.emoji().equals(emoji.strip()) && r.users().stream().anyMatch(u -> u.id() == me.userId()));
    }
}
