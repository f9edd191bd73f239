package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.Principal;
import dev.parley.chat.Changes;
import dev.parley.chat.MessageStore.Changed;
import dev.parley.chat.Messages;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Rooms;
import dev.parley.render.Json;
import dev.parley.util.Futures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code /api/rooms/*}: rooms, membership and messages over plain HTTP. */
final class RoomsApi extends ApiServlet {

    private final Rooms rooms;
    private final Messages messages;
    private final ReadMarks readMarks;
    private final Changes changes;

    RoomsApi(Rooms rooms, Messages messages, ReadMarks readMarks, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.rooms = rooms;
        this.messages = messages;
        this.readMarks = readMarks;
        this.changes = messages.changes();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.isEmpty()) {
            json(res, 200, rooms.listFor(me).stream().map(ApiViews.RoomView::of).toList());
        } else if (path.size() == 1) {
            long roomId = Requests.id(path.get(0), "room");
            var room = ApiViews.RoomView.of(rooms.visible(me, roomId));
            json(res, 200, room.withMembers(rooms.members(me, roomId)));
        } else if (path.size() == 3 && path.get(1).equals("messages")) {
            json(res, 200, messages.find(me, Requests.id(path.get(0), "room"), Requests.id(path.get(2), "message")));
        } else if (path.size() == 2 && path.get(1).equals("messages")) {
            long roomId = Requests.id(path.get(0), "room");
            Long limit = Requests.longParam(req, "limit");
            int n = limit == null ? Messages.PAGE : (int) Math.max(0, Math.min(limit, Messages.MAX_PAGE + 1));
            Long after = Requests.longParam(req, "after");
            json(
                    res,
                    200,
                    after != null
                            ? messages.newer(me, roomId, after, n)
                            : messages.history(me, roomId, Requests.longParam(req, "before"), n));
        } else {
            throw noRoute();
        }
    }

    /** {@code "usernames"}: an array of strings, the people to start a group conversation with. */
    private static List<String> usernames(JsonNode body) {
        JsonNode names = body.get("usernames");
        if (names == null || !names.isArray())
            throw dev.parley.chat.ChatException.invalid("usernames", "\"usernames\" must be an array of usernames.");
        var list = new java.util.ArrayList<String>();
        for (JsonNode n : names) {
            if (!n.isTextual())
                throw dev.parley.chat.ChatException.invalid("usernames", "Every username must be a string.");
            list.add(n.textValue());
        }
        return list;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.isEmpty()) {
            JsonNode body = Requests.jsonBody(req);
            var room = rooms.create(me, Json.text(body, "name"), Json.optionalBoolean(body, "private", false));
            json(res, 201, ApiViews.RoomView.of(room));
            return;
        }
        if (path.equals(List.of("direct"))) {
            json(res, 200, ApiViews.RoomView.of(rooms.direct(me, Json.text(Requests.jsonBody(req), "username"))));
            return;
        }
        if (path.equals(List.of("group"))) {
            var opened = rooms.group(me, usernames(Requests.jsonBody(req)));
            var room = opened.room();
            json(
                    res,
                    opened.created() ? 201 : 200,
                    ApiViews.RoomView.of(room).withMembers(rooms.members(me, room.id())));
            return;
        }
        long roomId = Requests.id(path.get(0), "room");
        String action = path.size() == 2 ? path.get(1) : "";
        switch (action) {
            case "messages" -> {
                JsonNode body = Requests.jsonBody(req);
                List<String> files = Json.optionalTextList(body, "files");
                var posted = Futures.join(messages.postAsync(
                        me,
                        roomId,
                        files.isEmpty() ? Json.text(body, "content") : Json.optionalText(body, "content"),
                        Json.optionalText(body, "clientId"),
                        replyTo(body),
                        files));
                json(res, posted.created() ? 201 : 200, posted.message());
            }
            case "members" -> {
                rooms.addMember(me, roomId, Json.text(Requests.jsonBody(req), "username"));
                res.setStatus(204);
            }
            case "join" -> json(res, 200, ApiViews.RoomView.of(rooms.join(me, roomId)));
            case "read" -> {
                long seq = Json.requiredLong(Requests.jsonBody(req), "seq");
                json(res, 200, new ApiViews.ReadMark(roomId, readMarks.markRead(me, roomId, seq)));
            }
            case "leave" -> {
                rooms.leave(me, roomId);
                res.setStatus(204);
            }
            default -> throw noRoute();
        }
    }

    private static Long replyTo(JsonNode body) {
        JsonNode v = body.get("replyTo");
        if (v == null || v.isNull()) return null;
        long id = Json.requiredLong(body, "replyTo");
        if (id < 1) throw dev.parley.chat.ChatException.invalid("replyTo", "\"replyTo\" must be a message id.");
        return id;
    }

    @Override
    protected boolean takes(String method) {
        return method.equals("PATCH") || method.equals("PUT") || method.equals("DELETE");
    }

    /** {@code PATCH /api/rooms/{id}/messages/{messageId}} {@code {"content","clientId"}}: an edit. */
    @Override
    protected void doPatch(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.size() != 3 || !path.get(1).equals("messages")) throw noRoute();
        JsonNode body = Requests.jsonBody(req);
        changed(
                res,
                changes.editAsync(
                        me,
                        Requests.id(path.get(0), "room"),
                        Requests.id(path.get(2), "message"),
                        Json.text(body, "content"),
                        Json.optionalText(body, "clientId")));
    }

    /** {@code PUT /api/rooms/{id}/messages/{messageId}/reactions/{emoji}}: my reaction, added. */
    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse res) throws IOException {
        react(req, res, true);
    }

    /**
     * {@code DELETE /api/rooms/{id}/messages/{messageId}}: a delete; {@code .../reactions/{emoji}}:
     * my reaction, removed. A {@code clientId} comes as a query parameter.
     */
    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse res) throws IOException {
        List<String> path = Requests.segments(req);
        if (path.size() == 3 && path.get(1).equals("messages")) {
            changed(
                    res,
                    changes.deleteAsync(
                            Requests.principal(req),
                            Requests.id(path.get(0), "room"),
                            Requests.id(path.get(2), "message"),
                            req.getParameter("clientId")));
        } else {
            react(req, res, false);
        }
    }

    private void react(HttpServletRequest req, HttpServletResponse res, boolean add) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.size() != 5 || !path.get(1).equals("messages") || !path.get(3).equals("reactions")) throw noRoute();
        changed(
                res,
                changes.reactAsync(
                        me,
                        Requests.id(path.get(0), "room"),
                        Requests.id(path.get(2), "message"),
                        path.get(4),
                        add,
                        req.getParameter("clientId")));
    }

    private static void changed(HttpServletResponse res, CompletableFuture<Changed> change) throws IOException {
        Changed changed = Futures.join(change);
        json(
                res,
                200,
                new ApiViews.ChangeResult(
                        changed.change() == null ? null : changed.change().seq(), changed.message()));
    }
}
