package dev.parley.bench.net;

import java.nio.ByteBuffer;

/**
 * Socket.IO v4 over a plain engine.io WebSocket ({@code EIO=4&transport=websocket}): the server
 * opens with {@code 0{…}}, the client connects to the main namespace with {@code 40{"token":…}}
 * and gets {@code 40{"sid":…}}; pings {@code 2} are answered {@code 3}; events are
 * {@code 42["name",data]}, emits with ack id N are {@code 42N[…]} answered by {@code 43N[…]}.
 */
public final class SocketIoWire implements Wire {

    private static final byte[] NEW_MESSAGE = Bytes.ascii("42[\"new-message\"");
    private static final byte[] ACK = Bytes.ascii("43");
    private static final byte[] OPEN = Bytes.ascii("0{");
    private static final byte[] CONNECTED = Bytes.ascii("40");
    private static final byte[] CONNECT_ERROR = Bytes.ascii("44");

    @Override
    public void opened(ChatSocket socket) {
        // wait for the engine.io open packet
    }

    @Override
    public void other(ChatSocket socket, ByteBuffer frame) {
        int n = frame.remaining();
        if (n == 1 && frame.get(frame.position()) == '2') {
            socket.send("3");
        } else if (Bytes.startsWith(frame, OPEN)) {
            socket.send("40{\"token\":\"" + socket.token + "\"}");
        } else if (Bytes.startsWith(frame, CONNECTED)) {
            socket.markReady();
        } else if (Bytes.startsWith(frame, CONNECT_ERROR)) {
            socket.failReady(new IllegalStateException("Socket.IO connect refused: " + Bytes.text(frame)));
        }
    }

    @Override
    public boolean isDelivery(ByteBuffer frame) {
        return Bytes.startsWith(frame, NEW_MESSAGE);
    }

    @Override
    public long ackId(ByteBuffer frame) {
        if (!Bytes.startsWith(frame, ACK)) return NOT_ACK;
        long id = Bytes.digitsAt(frame, frame.position() + ACK.length);
        return id < 0 ? NOT_ACK : id;
    }

    @Override
    public boolean ackOk(ByteBuffer frame) {
        return Bytes.successTrue(frame, frame.position());
    }

    @Override
    public String sendMessage(long roomId, String content, long ackId) {
        return "42" + ackId + "[\"send-message\",{\"roomId\":" + roomId + ",\"content\":\"" + content + "\"}]";
    }

    @Override
    public String joinRoom(long roomId, long ackId) {
        return "42" + ackId + "[\"join-room\"," + roomId + "]";
    }
}
