package dev.parley.cluster;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MemberJoined;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.ChatEvent.MessagePosted;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.ReadMarked;
import dev.parley.chat.ChatEvent.SessionEnded;
import dev.parley.chat.ChatEvent.Status;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.chat.ChatEvent.UserSessionsEnded;
import dev.parley.chat.Message;
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

    static List<ChatEvent> everyKind() {
        return List.of(
                message(1),
                new MessagePosted(
                        new Message(5, GENERAL, 2, BOB, "plain", "plain", Instant.parse("2026-11-30T12:00:01Z"), null)),
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
