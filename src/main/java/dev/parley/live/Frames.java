package dev.parley.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One event as the texts that go on the wire: JSON for programs; for pages, one fragment for
 * pages showing the event's room and another (possibly none) for every other page. Each text is
 * rendered at most once, on first use, and encoded to UTF-8 once: the same bytes go to every recipient.
 */
final class Frames {

    static final Supplier<String> NOTHING = () -> null;

    private final long roomId;
    private final Once json;
    private final Once inRoom;
    private final Once elsewhere;
    /** When the server accepted the message these frames carry (epoch µs), to time its delivery; 0: not timed. */
    private long acceptedAtMicros;

    private Frames(long roomId, Supplier<String> json, Supplier<String> inRoom, Supplier<String> elsewhere) {
        this.roomId = roomId;
        this.json = new Once(json);
        this.inRoom = new Once(inRoom);
        this.elsewhere = new Once(elsewhere);
    }

    /** An event of a room: pages showing it get {@code inRoom}, other pages {@code elsewhere}. */
    static Frames ofRoom(long roomId, Supplier<String> json, Supplier<String> inRoom, Supplier<String> elsewhere) {
        return new Frames(roomId, json, inRoom, elsewhere);
    }

    /** An event every page shows the same way. */
    static Frames ofAll(Supplier<String> json, Supplier<String> html) {
        return new Frames(0, json, html, html);
    }

    /** Marks these frames as a live message's, accepted at {@code micros}, so that each write of them is timed. Before fan-out. */
    Frames acceptedAt(long micros) {
        this.acceptedAtMicros = micros;
        return this;
    }

    long acceptedAtMicros() {
        return acceptedAtMicros;
    }

    /** The text for this connection, or null when it has nothing to show for the event. */
    String textFor(Connection connection) {
        Encoded encoded = encodedFor(connection).get();
        return encoded == null ? null : encoded.text;
    }

    /**
     * The same text as UTF-8, encoded once for every recipient; null when there is nothing to send.
     * Shared: a recipient reads it through its own {@link ByteBuffer#slice()} and never writes it.
     */
    ByteBuffer bytesFor(Connection connection) {
        Encoded encoded = encodedFor(connection).get();
        return encoded == null ? null : encoded.bytes;
    }

    private Once encodedFor(Connection connection) {
        if (connection.format == Format.JSON) return json;
        return roomId != 0 && connection.viewing == roomId ? inRoom : elsewhere;
    }

    /** One text and its UTF-8 bytes. */
    private record Encoded(String text, ByteBuffer bytes) {}

    private static final class Once {
        private Supplier<String> source;
        private volatile Encoded encoded;

        Once(Supplier<String> source) {
            this.source = source;
        }

        Encoded get() {
            Encoded e = encoded;
            if (e != null || source == null) return e;
            synchronized (this) {
                if (source != null) {
                    String text = source.get();
                    encoded = text == null
                            ? null
                            : new Encoded(text, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    source = null;
                }
                return encoded;
            }
        }
    }
}
