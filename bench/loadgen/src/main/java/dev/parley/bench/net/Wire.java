package dev.parley.bench.net;

import java.nio.ByteBuffer;

/**
 * One chat protocol as the load generator speaks it: how to open a session, send a message, join a
 * room, and how to tell deliveries and acks apart in incoming frames by looking at a few bytes.
 */
public interface Wire {

    long NOT_ACK = Long.MIN_VALUE;

    /** The WebSocket is open: start the protocol's own handshake, and call {@link ChatSocket#markReady} when done. */
    void opened(ChatSocket socket);

    /** A frame that is neither a delivery nor an ack: handshake steps, pings, presence and the like. */
    void other(ChatSocket socket, ByteBuffer frame);

    boolean isDelivery(ByteBuffer frame);

    /** The ack id of an ack frame, or {@link #NOT_ACK}. */
    long ackId(ByteBuffer frame);

    boolean ackOk(ByteBuffer frame);

    String sendMessage(long roomId, String content, long ackId);

    String joinRoom(long roomId, long ackId);
}
