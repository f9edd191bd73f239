package dev.parley.web;

/** Every DOM id the server renders comes from here, so pages and live fragments always agree. */
public final class Dom {

    /** Where live notes about rooms a page does not show land, for parley.js to read (unread badges). */
    public static final String ACTIVITY = "activity";
    /** A hidden element every live page has, so that a fragment aimed at optional targets always finds one. */
    public static final String VOID = "void";

    private Dom() {}

    public static String message(long messageId) {
        return "message-" + messageId;
    }

    /** A class, not an id: every reply on the page that quotes the message carries it, to follow its edits. */
    public static String excerptOf(long messageId) {
        return "excerpt-of-" + messageId;
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

    /** The hidden input holding the seq of the newest message the page has: sent with every sync. */
    public static String lastSeq(long roomId) {
        return "room-" + roomId + "-last-seq";
    }

    public static String members(long roomId) {
        return "room-" + roomId + "-members";
    }

    public static String member(long roomId, long userId) {
        return "room-" + roomId + "-member-" + userId;
    }

    public static String readers(long roomId) {
        return "room-" + roomId + "-readers";
    }

    public static String reader(long roomId, long userId) {
        return "room-" + roomId + "-reader-" + userId;
    }

    /** A class, not an id: a person's presence dot may show in several places on one page. */
    public static String presence(long userId) {
        return "presence-" + userId;
    }
}
