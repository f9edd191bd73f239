package dev.parley.bench.bare;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One bare-server connection. Frames are read with a few string searches, not a JSON parser: the
 * ceiling measures the transport, so the server does as little as a broadcast allows.
 */
@WebSocket
public final class BareSocket {

    private final BareRooms rooms;
    private final long user;
    private CoreSession core;

    public BareSocket(BareRooms rooms, long user) {
        this.rooms = rooms;
        this.user = user;
    }

    @OnWebSocketOpen
    public void onOpen(Session session) {
        core = ((WebSocketSession) session).getCoreSession();
    }

    @OnWebSocketMessage
    public void onText(String text) {
        String ack = number(text, "\"ack\":");
        if (text.contains("\"event\":\"send-message\"")) {
            send(Long.parseLong(number(text, "\"roomId\":")), string(text, "\"content\":\""), ack);
        } else if (text.contains("\"event\":\"join-room\"")) {
            rooms.join(Long.parseLong(number(text, "\"roomId\":")), this);
            reply(ack, "{}");
        } else if (text.contains("\"event\":\"sync\"")) {
            reply(ack, "{\"replayed\":0,\"gap\":false}");
        } else if (ack != null) {
            write(ByteBuffer.wrap(("{\"ack\":" + ack + ",\"success\":false,\"error\":{\"code\":\"invalid_payload\",\"message\":\"unknown event\"}}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void send(long roomId, String content, String ack) {
        BareRooms.Room room = rooms.find(roomId);
        if (room == null) {
            if (ack != null) write(ByteBuffer.wrap(("{\"ack\":" + ack + ",\"success\":false,\"error\":{\"code\":\"not_member\",\"message\":\"Join the room first.\"}}")
                    .getBytes(StandardCharsets.UTF_8)));
            return;
        }
        String message = "{\"id\":" + rooms.nextMessageId() + ",\"roomId\":" + roomId + ",\"seq\":" + room.seq.incrementAndGet()
                + ",\"user\":{\"id\":" + user + ",\"username\":\"u" + user + "\"},\"content\":\"" + content
                + "\",\"html\":\"" + content + "\",\"createdAt\":\"" + Instant.now() + "\",\"clientId\":null}";
        ByteBuffer event = ByteBuffer.wrap(("{\"event\":\"new-message\",\"data\":" + message + "}").getBytes(StandardCharsets.UTF_8))
                .asReadOnlyBuffer();
        for (BareSocket member : room.members) {
            if (member != this && rooms.dropNext()) continue;
            member.write(event.slice());
            if (rooms.duplicate) member.write(event.slice());
        }
        if (ack != null) reply(ack, message);
    }

    private void reply(String ack, String data) {
        if (ack == null) return;
        write(ByteBuffer.wrap(("{\"ack\":" + ack + ",\"success\":true,\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8)));
    }

    private void write(ByteBuffer bytes) {
        core.sendFrame(new Frame(OpCode.TEXT).setPayload(bytes), Callback.NOOP, false);
    }

    @OnWebSocketClose
    public void onClose(int code, String reason) {
        rooms.leaveAll(this);
    }

    private static String number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) return null;
        int start = at + key.length(), end = start;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) end++;
        return end > start ? text.substring(start, end) : null;
    }

    private static String string(String text, String key) {
        int start = text.indexOf(key) + key.length();
        return text.substring(start, text.indexOf('"', start));
    }
}
