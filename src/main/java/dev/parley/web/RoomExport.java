package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.Message;
import dev.parley.chat.Messages;
import dev.parley.chat.Room;
import dev.parley.chat.Rooms;
import dev.parley.render.Json;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /export/rooms/{id}.json} and {@code .html}: a room's whole history as a download, for
 * anyone who may read the room. The JSON holds the messages as the API shows them; the HTML file
 * stands alone (no scripts, styles inline) with each message's sanitized markup.
 */
final class RoomExport extends PageServlet {

    private static final Pattern PATH = Pattern.compile("/(\\d{1,18})\\.(json|html)");

    private final Rooms rooms;
    private final Messages messages;
    private final Templates templates;

    RoomExport(Rooms rooms, Messages messages, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.rooms = rooms;
        this.messages = messages;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        var path = PATH.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!path.matches()) throw ChatException.notFound("export");
        long roomId = Long.parseLong(path.group(1));
        Room room = rooms.visible(me, roomId);
        List<Message> all = new ArrayList<>();
        for (long after = 0; ; ) {
            List<Message> page = messages.newer(me, roomId, after, Messages.MAX_PAGE);
            if (page.isEmpty()) break;
            all.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        String title = room.isDirect() ? "Direct conversation" : "#" + room.name();
        String exportedAt = Instant.now().toString();
        String file = "parley-room-" + room.id() + "." + path.group(2);
        res.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        res.setHeader("Cache-Control", "no-store");
        if (path.group(2).equals("json")) {
            res.setContentType("application/json;charset=utf-8");
            res.getWriter()
                    .write(Json.write(Map.of(
                            "room",
                            Map.of("id", room.id(), "name", title, "private", room.isPrivate()),
                            "exportedAt",
                            exportedAt,
                            "messages",
                            all)));
        } else {
            res.setContentType("text/html;charset=utf-8");
            res.getWriter()
                    .write(templates.render(
                            "export/room.jte", Map.of("title", title, "exportedAt", exportedAt, "messages", all)));
        }
    }
}
