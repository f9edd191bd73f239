package dev.parley.bench.net;

import java.nio.ByteBuffer;

/**
 * Parley's JSON protocol (docs/protocol.md): acks are {@code {"ack":N,"success":…}}, deliveries are
 * {@code new-message} events. The socket opens with a {@code sync}, so room messages are not held
 * back for 2 s. The bare-Jetty ceiling server speaks the same frames.
 */
public final class ParleyWire implements Wire {

    private static final byte[] ACK = Bytes.ascii("{\"ack\":");
    private static final byte[] NEW_MESSAGE = Bytes.ascii("{\"event\":\"new-message\"");

    private final boolean clientIds;

    /** @param clientIds whether sends carry a clientId (Parley's idempotency key) */
    public ParleyWire(boolean clientIds) {
        this.clientIds = clientIds;
    }

    @Override
    public void opened(ChatSocket socket) {
        socket.request(id -> "{\"event\":\"sync\",\"ack\":" + id + ",\"data\":{\"rooms\":{}}}")
                .whenComplete((ok, x) -> {
                    if (x != null) socket.failReady(x);
                    else if (!ok) socket.failReady(new IllegalStateException("sync refused"));
                    else socket.markReady();
                });
    }

    @Override
    public void other(ChatSocket socket, ByteBuffer frame) {
        // presence, typing, joins: not measured
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
        String clientId = clientIds ? ",\"clientId\":\"b" + ackId + '"' : "";
        return "{\"event\":\"send-message\",\"ack\":" + ackId + ",\"data\":{\"roomId\":" + roomId
                + ",\"content\":\"" + content + '"' + clientId + "}}";
    }

    @Override
    public String joinRoom(long roomId, long ackId) {
        return "{\"event\":\"join-room\",\"ack\":" + ackId + ",\"data\":{\"roomId\":" + roomId + "}}";
    }
}
