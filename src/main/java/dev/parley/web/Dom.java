package dev.parley.web;

/** Every DOM id the server renders comes from here, so pages and live fragments always agree. */
public final class Dom {

    private Dom() {}

    public static String message(long messageId) {
        return "message-" + messageId;
    }

    public static String messages(long roomId) {
        return "room-" + roomId + "-messages";
    }

    public static String roomLink(long roomId) {
        return "room-" + roomId + "-link";
    }

    public static String roomTyping(long roomId) {
        return "room-" + roomId + "-typing";
    }
}
