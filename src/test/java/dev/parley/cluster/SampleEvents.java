package dev.parley.cluster;

import dev.parley.chat.Change;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MemberJoined;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.ChatEvent.MessageChanged;
import dev.parley.chat.ChatEvent.MessagePosted;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.ReadMarked;
import dev.parley.chat.ChatEvent.SessionEnded;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.chat.ChatEvent.UserSessionsEnded;
import dev.parley.chat.Message;
import dev.parley.chat.Reaction;
import dev.parley.chat.Reply;
import dev.parley.chat.UserRef;
import java.time.Instant;
import java.util.List;

/** One of every kind of event, with every field set, the way the services publish them. */
final class SampleEvents {

    static final UserRef ALICE = new UserRef(1, "alice");
    static final UserRef BOB = new UserRef(2, "bob");
    static final long GENERAL = 7;

    private SampleEvents() {}

    static MessagePosted message(long seq) {
        return new MessagePosted(new Message(
                100 + seq,
                GENERAL,
                seq,
                ALICE,
                "hi <b>" + seq + "</b> ✓",
                "hi &lt;b&gt;" + seq + "&lt;/b&gt; ✓",
                Instant.parse("2026-11-30T12:00:00.123456Z"),
                "client-" + seq));
    }

    /** A change to a message that was replied to and reacted to, as the store returns it. */
    static MessageChanged change(Change.Kind kind, String content, String html, String emoji) {
        var reply = new Reply(99, 1, BOB, "the question", false);
        var now = new Message(
                101,
                GENERAL,
                2,
                ALICE,
                "**edited**",
                "<strong>edited</strong>",
                Instant.parse("2026-11-30T12:00:00.123Z"),
                "client-2",
                Instant.parse("2026-11-30T12:01:00.456Z"),
                false,
                reply,
                List.of(new Reaction("👍🏽", List.of(BOB, ALICE))));
        return new MessageChanged(new Change(
                9,
                GENERAL,
                3,
                101,
                kind,
                ALICE,
                emoji,
                content,
                html,
                Instant.parse("2026-11-30T12:01:00.456Z"),
                "change-1",
                now));
    }

    static List<ChatEvent> everyKind() {
        return List.of(
                message(1),
                new MessagePosted(
                        new Message(5, GENERAL, 2, BOB, "plain", "plain", Instant.parse("2026-11-30T12:00:01Z"), null)),
                change(Change.Kind.EDIT, "**edited**", "<strong>edited</strong>", null),
                change(Change.Kind.REACT, null, null, "👍🏽"),
                new MemberJoined(GENERAL, BOB),
                new MemberLeft(GENERAL, BOB),
                new TypingChanged(GENERAL, BOB, true, List.of(ALICE, BOB)),
                new ReadMarked(GENERAL, BOB, 42),
                new PresenceChanged(ALICE, PresenceChanged.Change.ONLINE, new Status("away", "lunch", true, null)),
                new PresenceChanged(
                        BOB,
                        PresenceChanged.Change.OFFLINE,
                        new Status("online", null, false, Instant.parse("2026-11-30T11:59:00Z"))),
                new SessionEnded("session-1"),
                new UserSessionsEnded(2, "kept-session"),
                new UserSessionsEnded(2, null));
    }
}
