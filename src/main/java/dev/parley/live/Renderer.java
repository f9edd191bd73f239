package dev.parley.live;

import dev.parley.chat.Change;
import dev.parley.chat.ChatEvent.MemberJoined;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.ReadMarked;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.chat.Message;
import dev.parley.chat.Presence.OnlineUser;
import dev.parley.chat.RoomEntry;
import dev.parley.chat.UserRef;
import dev.parley.render.Templates;
import java.util.List;
import java.util.Map;

/**
 * Turns events into {@link Frames}: JSON from {@link Wire}, HTML from the {@code live/}
 * templates, which reuse the page's own partials and only add {@code hx-swap-oob}.
 */
final class Renderer {

    private final Templates templates;

    Renderer(Templates templates) {
        this.templates = templates;
    }

    Frames entry(RoomEntry entry) {
        return entry instanceof Change c ? change(c) : message((Message) entry);
    }

    /**
     * A change shows as its message drawn again as it now is, swapped in by id (a page that does
     * not show the message drops it), the excerpts of replies to it after an edit or delete, and
     * the page's new last seq. No note elsewhere: changes are not unread messages.
     */
    Frames change(Change c) {
        return Frames.ofRoom(
                c.roomId(),
                () -> Wire.event(c.kind().event, Wire.MessageChange.of(c)),
                () -> html("live/change.jte", Map.of("change", c)),
                Frames.NOTHING);
    }

    Frames message(Message m) {
        return Frames.ofRoom(
                m.roomId(),
                () -> Wire.event("new-message", m),
                () -> html("live/message.jte", Map.of("message", m)),
                () -> html(
                        "live/activity.jte",
                        Map.of(
                                "kind",
                                "message",
                                "roomId",
                                m.roomId(),
                                "seq",
                                m.seq(),
                                "userId",
                                m.user().id())));
    }

    Frames joined(MemberJoined e, Status status) {
        return Frames.ofRoom(
                e.roomId(),
                () -> Wire.event("user-joined", new Wire.MemberJoined(e.roomId(), e.user())),
                () -> html("live/joined.jte", Map.of("roomId", e.roomId(), "user", e.user(), "status", status)),
                () -> html(
                        "live/activity.jte",
                        Map.of(
                                "kind",
                                "joined",
                                "roomId",
                                e.roomId(),
                                "seq",
                                0L,
                                "userId",
                                e.user().id())));
    }

    Frames left(MemberLeft e) {
        return Frames.ofRoom(
                e.roomId(),
                () -> Wire.event(
                        "user-left", new Wire.MemberLeft(e.roomId(), e.user().id())),
                () -> html(
                        "live/left.jte",
                        Map.of("roomId", e.roomId(), "userId", e.user().id())),
                Frames.NOTHING);
    }

    Frames typing(TypingChanged e) {
        return Frames.ofRoom(
                e.roomId(),
                () -> e.typing()
                        ? Wire.event(
                                "user-typing",
                                new Wire.UserTyping(
                                        e.roomId(), e.user().id(), e.user().username()))
                        : Wire.event(
                                "user-stopped-typing",
                                new Wire.UserStoppedTyping(e.roomId(), e.user().id())),
                () -> html("live/typing.jte", Map.of("roomId", e.roomId(), "typers", e.typers())),
                Frames.NOTHING);
    }

    Frames read(ReadMarked e) {
        return Frames.ofRoom(
                e.roomId(),
                () -> Wire.event(
                        "message-read",
                        new Wire.MessageRead(e.roomId(), e.reader().id(), e.seq())),
                () -> html("live/read.jte", Map.of("roomId", e.roomId(), "reader", e.reader(), "seq", e.seq())),
                () -> html(
                        "live/activity.jte",
                        Map.of(
                                "kind",
                                "read",
                                "roomId",
                                e.roomId(),
                                "seq",
                                e.seq(),
                                "userId",
                                e.reader().id())));
    }

    Frames presence(PresenceChanged e) {
        var view = Wire.PresenceView.of(e.user(), e.status());
        return Frames.ofAll(
                () -> switch (e.change()) {
                    case ONLINE -> Wire.event("user-online", view);
                    case OFFLINE -> Wire.event("user-offline", view);
                    case UPDATED -> Wire.event("presence-update", view);
                },
                () -> html("live/presence.jte", Map.of("user", e.user(), "status", e.status())));
    }

    /** Sent to a program as it connects: who among the people it shares rooms with is online. */
    String onlineUsers(List<OnlineUser> online) {
        return Wire.event(
                "online-users",
                new Wire.OnlineUsers(online.stream()
                        .map(o -> Wire.PresenceView.of(o.user(), o.status()))
                        .toList()));
    }

    /** Sent to a page as it connects: the presence of everyone it shares rooms with, so no dot is stale; null when there is no one. */
    String presenceOfAll(List<UserRef> everyone, Map<Long, Status> statuses) {
        return everyone.isEmpty()
                ? null
                : html("live/online-users.jte", Map.of("everyone", everyone, "statuses", statuses));
    }

    /** A fragment as sent: starting with its first element; null when there is nothing to show, so no empty frame goes out. */
    private String html(String template, Map<String, Object> model) {
        String html = templates.render(template, model).strip();
        return html.isEmpty() ? null : html;
    }
}
