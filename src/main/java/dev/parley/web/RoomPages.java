package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.chat.ChatException;
import dev.parley.chat.Message;
import dev.parley.chat.Messages;
import dev.parley.chat.Presence;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Room;
import dev.parley.chat.RoomListing;
import dev.parley.chat.Rooms;
import dev.parley.chat.Uploads;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /} (the room list) and {@code /rooms/...}: reading rooms, and acting on them with plain forms. */
final class RoomPages extends PageServlet {

    private final Rooms rooms;
    private final Messages messages;
    private final ReadMarks readMarks;
    private final Presence presence;
    private final Accounts accounts;
    private final MessagePages messagePages;
    private final Uploads uploads;

    RoomPages(
            Rooms rooms,
            Messages messages,
            ReadMarks readMarks,
            Presence presence,
            Accounts accounts,
            Templates templates,
            SameOrigin sameOrigin,
            Uploads uploads) {
        super(templates, sameOrigin);
        this.uploads = uploads;
        this.rooms = rooms;
        this.messages = messages;
        this.readMarks = readMarks;
        this.presence = presence;
        this.accounts = accounts;
        this.messagePages = new MessagePages(rooms, messages, templates, sameOrigin);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (req.getServletPath().isEmpty()) {
            home(req, res, me, 200, Form.EMPTY, Form.EMPTY, Form.EMPTY);
        } else if (req.getServletPath().equals("/sidebar")) {
            sidebar(req, res, me);
        } else if (path.size() == 1) {
            room(req, res, me, Requests.id(path.get(0), "room"));
        } else if (path.size() == 2 && path.get(1).equals("messages")) {
            older(req, res, me, Requests.id(path.get(0), "room"));
        } else if (path.size() == 3 && path.get(1).equals("messages")) {
            messagePages.show(req, res, me, Requests.id(path.get(0), "room"), Requests.id(path.get(2), "message"));
        } else {
            throw ChatException.notFound("page");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        List<String> path = Requests.segments(req);
        if (path.isEmpty() && req.getServletPath().equals("/rooms")) {
            createRoom(req, res, me);
            return;
        }
        if (path.equals(List.of("direct"))) {
            openDirect(req, res, me);
            return;
        }
        if (path.equals(List.of("group"))) {
            openGroup(req, res, me);
            return;
        }
        if (path.isEmpty()) throw ChatException.notFound("page");
        long roomId = Requests.id(path.get(0), "room");
        if (path.size() == 4 && path.get(1).equals("messages")) {
            messagePages.act(req, res, me, roomId, Requests.id(path.get(2), "message"), path.get(3));
            return;
        }
        String action = path.size() == 2 ? path.get(1) : "";
        switch (action) {
            case "messages" -> post(req, res, me, roomId);
            case "join" -> {
                rooms.join(me, roomId);
                res.sendRedirect("/rooms/" + roomId);
            }
            case "leave" -> {
                rooms.leave(me, roomId);
                res.sendRedirect("/");
            }
            case "members" -> addMember(req, res, me, roomId);
            default -> throw ChatException.notFound("page");
        }
    }

    /** A composer's form with files in it may be as large as its files are allowed to be. */
    @Override
    void checkDeclaredSize(HttpServletRequest req) {
        if (FileParts.isMultipart(req)) {
            if (req.getContentLengthLong() > FileParts.maxRequest(uploads)) {
                uploads.checkDeclaredSize(null, req.getContentLengthLong());
            }
        } else {
            super.checkDeclaredSize(req);
        }
    }

    private void home(
            HttpServletRequest req,
            HttpServletResponse res,
            Principal me,
            int status,
            Form create,
            Form direct,
            Form group)
            throws IOException {
        List<RoomListing> listed = rooms.listFor(me);
        page(
                req,
                res,
                status,
                "pages/rooms.jte",
                Map.of(
                        "rooms",
                        listed,
                        "create",
                        create,
                        "direct",
                        direct,
                        "group",
                        group,
                        "presence",
                        presence.statuses(peers(listed))));
    }

    private void room(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId) throws IOException {
        room(req, res, me, roomId, 200, Form.EMPTY);
    }

    private void room(
            HttpServletRequest req, HttpServletResponse res, Principal me, long roomId, int status, Form invite)
            throws IOException {
        Room room = rooms.visible(me, roomId);
        // What was unread before this visit, which marks it all read: the page draws its New line there.
        List<RoomListing> listed = rooms.listFor(me);
        long unread = unreadIn(listed, roomId);
        long readUpTo = unread > 0 ? readMarks.watermarks(me, roomId).getOrDefault(me.userId(), 0L) : 0;
        readMarks.markAllRead(me, room);
        if (unread > 0) listed = readNow(listed, roomId);
        Long at = Requests.longParam(req, "at");
        MessagePage page = at == null
                ? MessagePage.of(
                        roomId,
                        messages.history(me, roomId, null, Messages.PAGE + 1),
                        Messages.PAGE,
                        accounts.deactivatedIds(),
                        accounts.botIds())
                : around(me, roomId, at);
        if (readUpTo > 0) {
            // More unread than a page holds: open at the first unread message, not at the end.
            if (at == null && page.more() && page.oldestSeq() > readUpTo + 1) page = around(me, roomId, readUpTo + 1);
            page = page.withUnreadLine(me.userId(), readUpTo);
        }
        var model = new HashMap<String, Object>();
        model.put("unread", page.firstUnreadSeq() > 0 ? unread : 0L);
        model.put("room", room);
        model.put("title", title(room, listed));
        model.put("rooms", listed);
        List<dev.parley.chat.UserRef> members = rooms.members(me, roomId);
        model.put("members", members);
        // The same marks for every viewer, as on messages: who is a program, and who has left the team.
        model.put("bots", accounts.botIds());
        model.put("deactivated", accounts.deactivatedIds());
        var shown = new java.util.HashSet<>(peers(listed));
        members.forEach(u -> shown.add(u.id()));
        model.put("presence", presence.statuses(shown));
        model.put("watermarks", readMarks.watermarks(me, roomId));
        boolean member = rooms.isMember(me, roomId);
        model.put("member", member);
        model.put("canInvite", member && room.isPrivate() && rooms.mayAddMembers(me, room));
        model.put("page", page);
        // The socket resumes after the room's newest message, which a window into the past may
        // not include: the messages between load over HTTP as the reader scrolls down.
        model.put("liveFrom", page.newer() ? room.lastSeq() : page.newestSeq());
        model.put("invite", invite);
        page(req, res, status, "pages/room.jte", model);
    }

    private static long unreadIn(List<RoomListing> listed, long roomId) {
        return listed.stream()
                .filter(l -> l.room().id() == roomId)
                .mapToLong(RoomListing::unread)
                .findFirst()
                .orElse(0);
    }

    /** The room list as it is once the viewer has read {@code roomId}. */
    private static List<RoomListing> readNow(List<RoomListing> listed, long roomId) {
        return listed.stream()
                .map(l -> l.room().id() == roomId ? new RoomListing(l.room(), l.member(), 0, l.directPeer()) : l)
                .toList();
    }

    /** The viewer's room list alone: pages fetch it when a room they did not list comes alive. */
    private void sidebar(HttpServletRequest req, HttpServletResponse res, Principal me) throws IOException {
        Long current = Requests.longParam(req, "current");
        List<RoomListing> listed = rooms.listFor(me);
        write(
                res,
                200,
                "rooms/sidebar.jte",
                Map.of(
                        "rooms",
                        listed,
                        "current",
                        current == null ? 0L : current,
                        "presence",
                        presence.statuses(peers(listed))));
    }

    /** History around the message with seq {@code at}, for a search result or a link to a message. */
    private MessagePage around(Principal me, long roomId, long at) {
        if (at < 1) throw ChatException.invalid("at", "at must be a positive seq.");
        int half = Messages.PAGE / 2;
        return MessagePage.around(
                roomId,
                messages.history(me, roomId, at + 1, half + 1),
                messages.newer(me, roomId, at, half + 1),
                half,
                accounts.deactivatedIds(),
                accounts.botIds());
    }

    private void older(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId) throws IOException {
        Long after = Requests.longParam(req, "after");
        if (after != null) {
            MessagePage page = MessagePage.newer(
                    roomId,
                    messages.newer(me, roomId, after, Messages.PAGE + 1),
                    Messages.PAGE,
                    accounts.deactivatedIds(),
                    accounts.botIds());
            write(res, 200, "messages/newer.jte", Map.of("page", page));
            return;
        }
        Long before = Requests.longParam(req, "before");
        List<Message> earlier = messages.history(me, roomId, before, Messages.PAGE + 1);
        write(
                res,
                200,
                "messages/older.jte",
                Map.of(
                        "page",
                        MessagePage.of(roomId, earlier, Messages.PAGE, accounts.deactivatedIds(), accounts.botIds())));
    }

    private void post(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId) throws IOException {
        // Without JavaScript the files come in this very form; with it, they were uploaded already.
        // Parsed before any field is read, so that a file over the limit is answered as such.
        List<String> files = FileParts.store(req, me, uploads);
        String replyTo = req.getParameter("replyTo");
        var posted = dev.parley.util.Futures.join(messages.postAsync(
                me,
                roomId,
                req.getParameter("content"),
                req.getParameter("clientId"),
                replyTo == null || replyTo.isEmpty() ? null : Requests.id(replyTo, "message"),
                files));
        if (Requests.isHtmx(req)) {
            write(res, posted.created() ? 201 : 200, "messages/message.jte", Map.of("message", posted.message()));
        } else {
            res.sendRedirect(
                    "/rooms/" + roomId + "#" + Dom.message(posted.message().id()));
        }
    }

    private void createRoom(HttpServletRequest req, HttpServletResponse res, Principal me) throws IOException {
        String name = req.getParameter("name");
        try {
            Room room = rooms.create(me, name, req.getParameter("private") != null);
            res.sendRedirect("/rooms/" + room.id());
        } catch (ChatException e) {
            Requests.retryAfter(res, e);
            home(
                    req,
                    res,
                    me,
                    e.code.httpStatus,
                    Form.failed(Map.of("name", name == null ? "" : name), e, "name"),
                    Form.EMPTY,
                    Form.EMPTY);
        }
    }

    private void openDirect(HttpServletRequest req, HttpServletResponse res, Principal me) throws IOException {
        String username = req.getParameter("username");
        try {
            res.sendRedirect("/rooms/" + rooms.direct(me, username).id());
        } catch (ChatException e) {
            Requests.retryAfter(res, e);
            home(
                    req,
                    res,
                    me,
                    e.code.httpStatus,
                    Form.EMPTY,
                    Form.failed(Map.of("username", username == null ? "" : username), e, "username"),
                    Form.EMPTY);
        }
    }

    /** {@code usernames}: the other people, separated by commas or spaces. */
    private void openGroup(HttpServletRequest req, HttpServletResponse res, Principal me) throws IOException {
        String usernames = req.getParameter("usernames");
        try {
            var names = usernames == null ? List.<String>of() : List.of(usernames.split("[,\\s]+"));
            res.sendRedirect("/rooms/" + rooms.group(me, names).room().id());
        } catch (ChatException e) {
            Requests.retryAfter(res, e);
            home(
                    req,
                    res,
                    me,
                    e.code.httpStatus,
                    Form.EMPTY,
                    Form.EMPTY,
                    Form.failed(Map.of("usernames", usernames == null ? "" : usernames), e, "usernames"));
        }
    }

    private void addMember(HttpServletRequest req, HttpServletResponse res, Principal me, long roomId)
            throws IOException {
        String username = req.getParameter("username");
        try {
            rooms.addMember(me, roomId, username);
            res.sendRedirect("/rooms/" + roomId);
        } catch (ChatException e) {
            Requests.retryAfter(res, e);
            if (e.code == dev.parley.chat.ErrorCode.UNAUTHORIZED) throw e;
            room(
                    req,
                    res,
                    me,
                    roomId,
                    e.code.httpStatus,
                    Form.failed(Map.of("username", username == null ? "" : username), e, "username"));
        }
    }

    /** The people on the other side of the viewer's direct rooms, whose presence the sidebar shows. */
    private static List<Long> peers(List<RoomListing> rooms) {
        return rooms.stream()
                .filter(l -> l.directPeer() != null)
                .map(l -> l.directPeer().id())
                .toList();
    }

    private static String title(Room room, List<RoomListing> rooms) {
        return rooms.stream()
                .filter(l -> l.room().id() == room.id())
                .findFirst()
                .map(RoomListing::displayName)
                .orElse(room.name());
    }
}
