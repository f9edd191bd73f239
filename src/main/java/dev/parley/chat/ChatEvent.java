package dev.parley.chat;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened, published on the event bus after it was committed. Every instance's
 * hub turns each event into one HTML fragment and one JSON text and writes them to its local
 * connections. Events carry everything a renderer needs, so no recipient costs a database read.
 */
public sealed interface ChatEvent {

    /**
     * A message was stored. {@code acceptedAtMicros}: when the server that stored it took it in
     * (microseconds since the epoch; 0 when unknown), so that every instance can time its delivery.
     */
    record MessagePosted(Message message, long acceptedAtMicros) implements ChatEvent {
        public MessagePosted(Message message) {
            this(message, 0);
        }

        public long roomId() {
            return message.roomId();
        }
    }

    /** A message was edited, deleted or reacted to: a change in the room's order, like a message. */
    record MessageChanged(Change change) implements ChatEvent {
        public long roomId() {
            return change.roomId();
        }
    }

    record MemberJoined(long roomId, UserRef user) implements ChatEvent {}

    record MemberLeft(long roomId, UserRef user) implements ChatEvent {}

    /** Someone started or stopped typing; {@code typers} is everyone typing in the room now. */
    record TypingChanged(long roomId, UserRef user, boolean typing, List<UserRef> typers) implements ChatEvent {}

    /** A member's read watermark in the room moved up to {@code seq}. */
    record ReadMarked(long roomId, UserRef reader, long seq) implements ChatEvent {}

    /**
     * A user's first connection opened ({@link Change#ONLINE}), their last one closed or lapsed
     * ({@link Change#OFFLINE}), or they set a status ({@link Change#UPDATED}). It reaches everyone
     * who shares a room with them.
     */
    record PresenceChanged(UserRef user, Change change, Status status) implements ChatEvent {
        public enum Change {
            ONLINE,
            OFFLINE,
            UPDATED
        }
    }

    /** One session ended (logout, or its refresh token was reused): its sockets close. */
    record SessionEnded(String sessionId) implements ChatEvent {
        public boolean ends(long user, String session) {
            return sessionId.equals(session);
        }
    }

    /** Every session of a user ended but {@code kept} (null: none kept), by a password change or "sign out everywhere": their sockets close. */
    record UserSessionsEnded(long userId, String kept) implements ChatEvent {
        public boolean ends(long user, String session) {
            return user == userId && !session.equals(kept);
        }
    }

    /** What others see of a person's presence. {@code lastSeen} is when their last connection closed (null while online or never seen). */
    record Status(String status, String text, boolean online, Instant lastSeen) {}
}
