package dev.parley.live;

import java.util.function.Supplier;

/**
 * One event as the texts that go on the wire: JSON for programs; for pages, one fragment for
 * pages showing the event's room and another (possibly none) for every other page. Each text is
 * rendered at most once, on first use, and the same string goes to every recipient.
 */
final class Frames {

    static final Supplier<String> NOTHING = () -> null;

    private final long roomId;
    private final Once json;
    private final Once inRoom;
    private final Once elsewhere;

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

    /** The text for this connection, or null when it has nothing to show for the event. */
    String textFor(Connection connection) {
        if (connection.format == Format.JSON) return json.get();
        return roomId != 0 && connection.viewing == roomId ? inRoom.get() : elsewhere.get();
    }

    private static final class Once {
        private Supplier<String> source;
        private volatile String text;

        Once(Supplier<String> source) {
            this.source = source;
        }

        String get() {
            String t = text;
            if (t != null || source == null) return t;
            synchronized (this) {
                if (source != null) {
                    text = source.get();
                    source = null;
                }
                return text;
            }
        }
    }
}
