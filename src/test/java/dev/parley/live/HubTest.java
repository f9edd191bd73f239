package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.Config;
import dev.parley.Parley;
import dev.parley.auth.Principal;
import dev.parley.chat.Account;
import dev.parley.chat.ChatEvent.SessionEnded;
import dev.parley.chat.ChatEvent.UserSessionsEnded;
import dev.parley.render.Templates;
import dev.parley.testing.MutableClock;
import dev.parley.testing.RecordingSocket;
import jakarta.websocket.CloseReason.CloseCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub over a real application without a server (SQLite in a temporary directory, the
 * in-memory bus, presence and typing) and sockets that record what they are sent: who gets
 * which event, and which connections it cuts off.
 */
class HubTest {

    // One application and its people for the class (hashing passwords is slow); a room and a hub per test.
    @TempDir
    static Path dir;

    private static Parley parley;
    private static Principal alice;
    private static Principal bob;
    private static Principal carol;
    private static int rooms;

    private final SocketWriter writer = SocketWriter.byHand();
    private Hub hub;
    private long general;

    @BeforeAll
    static void openApplication() {
        parley = Parley.open(Config.forTests(dir), MutableClock.now());
        alice = principal(parley.accounts.register("alice", "correct horse battery staple", "127.0.0.1", null));
        bob = principal(parley.accounts.register("bob", "correct horse battery staple", "127.0.0.1", null));
        carol = principal(parley.accounts.register("carol", "correct horse battery staple", "127.0.0.1", null));
    }

    @AfterAll
    static void closeApplication() {
        parley.close();
    }

    @BeforeEach
    void open() {
        general = parley.rooms.create(alice, "general-" + ++rooms, false).id();
        parley.rooms.join(bob, general);
        hub = new Hub(
                parley.rooms,
                parley.messages,
                parley.typing,
                parley.presence,
                parley.bus,
                new Templates(false),
                new TokenExpiry(parley.sessions, parley.clock));
    }

    @AfterEach
    void close() {
        hub.close();
    }

    private static Principal principal(Account account) {
        return new Principal(account.id(), account.username(), false, "session-of-" + account.username());
    }

    private record Socket(Connection connection, RecordingSocket wire) {}

    private Socket connect(Principal who) {
        var wire = new RecordingSocket();
        var c = new Connection(wire, who, Format.JSON, 0, new FrameRate(50), writer);
        hub.open(c);
        c.goLive();
        return new Socket(c, wire);
    }

    private List<String> received(Socket socket) {
        while (writer.writeWaiting() > 0) {}
        return socket.wire().texts();
    }

    private boolean gotMessage(Socket socket, String content) {
        return received(socket).stream().anyMatch(t -> t.contains("\"new-message\"") && t.contains(content));
    }

    @Test
    void aMessageReachesTheRoomsMembersAndNobodyElse() {
        var a = connect(alice);
        var b = connect(bob);
        var c = connect(carol);

        parley.messages.post(alice, general, "hello, room", null);

        assertThat(gotMessage(a, "hello, room")).isTrue();
        assertThat(gotMessage(b, "hello, room")).isTrue();
        assertThat(gotMessage(c, "hello, room")).isFalse();
    }

    @Test
    void joiningARoomMakesTheUsersOpenConnectionsFollowIt() {
        var c = connect(carol);

        parley.rooms.join(carol, general);
        parley.messages.post(alice, general, "welcome", null);

        assertThat(c.connection().follows(general)).isTrue();
        assertThat(gotMessage(c, "welcome")).isTrue();
    }

    @Test
    void leavingARoomStopsItsMessagesOnEveryConnectionOfTheUser() {
        var b1 = connect(bob);
        var b2 = connect(bob);

        parley.rooms.leave(bob, general);
        parley.messages.post(alice, general, "after bob left", null);

        assertThat(gotMessage(b1, "after bob left")).isFalse();
        assertThat(gotMessage(b2, "after bob left")).isFalse();
    }

    @Test
    void anEndedSessionClosesItsSocketsOnly() {
        var a = connect(alice);
        var b = connect(bob);

        parley.bus.publish(new SessionEnded(bob.sessionId()));

        assertThat(b.wire().closes).containsExactly(CloseCodes.VIOLATED_POLICY.getCode());
        assertThat(a.wire().closes).isEmpty();
    }

    @Test
    void endingEveryOtherSessionOfAUserKeepsTheOneNamed() {
        var kept = connect(bob);
        var other = connect(new Principal(bob.userId(), "bob", false, "another-session"));
        var a = connect(alice);

        parley.bus.publish(new UserSessionsEnded(bob.userId(), bob.sessionId()));

        assertThat(other.wire().closes).containsExactly(CloseCodes.VIOLATED_POLICY.getCode());
        assertThat(kept.wire().closes).isEmpty();
        assertThat(a.wire().closes).isEmpty();
    }

    @Test
    void aHeldConnectionGoesLiveOnceTheHoldRunsOut() {
        var wire = new RecordingSocket();
        var c = new Connection(wire, bob, Format.JSON, 0, new FrameRate(50), writer);
        hub.open(c);

        hub.tick(c.openedAt + Timings.HOLD.toNanos() - 1, false);
        assertThat(c.isLive()).isFalse();

        hub.tick(c.openedAt + Timings.HOLD.toNanos() + 1, false);
        assertThat(c.isLive()).isTrue();
    }

    @Test
    void aSocketThatAnswersNoPingIsClosedSoItReconnectsAndOneThatNeverAnswersTheCloseIsCutOff() {
        var b = connect(bob);
        long heard = b.connection().lastHeard();

        hub.tick(heard + Timings.UNANSWERED.toNanos(), true);
        assertThat(b.wire().closes).isEmpty();
        assertThat(received(b)).contains("<ping>");

        hub.tick(heard + Timings.UNANSWERED.toNanos() + 1, false);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> b.wire().closes.equals(List.of(CloseCodes.TRY_AGAIN_LATER.getCode())));

        hub.tick(System.nanoTime() + Timings.CLOSE_WAIT.toNanos() + 1, false);
        await().atMost(Duration.ofSeconds(2)).until(() -> b.wire().closes.contains(-1));
    }

    @Test
    void aClosedHubLeavesTheBus() {
        hub.close();
        var b = connect(bob);

        parley.messages.post(alice, general, "nobody hears this", null);

        assertThat(gotMessage(b, "nobody hears this")).isFalse();
    }
}
