package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.auth.Principal;
import dev.parley.chat.Account;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.MemberLeft;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.chat.EventBus;
import dev.parley.chat.Timings;
import dev.parley.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application without any server in front of it: the domain keeps its own time. */
class ParleyTest {

    // One application and its people for the class (hashing passwords is slow); a room per test.
    @TempDir
    static Path dir;

    private static final MutableClock clock = MutableClock.now();
    private static Parley parley;
    private static Principal alice;
    private static Principal bob;
    private static int rooms;

    private final List<ChatEvent> published = new CopyOnWriteArrayList<>();
    private EventBus.Subscription subscription;
    private long room;

    @BeforeAll
    static void openApplication() {
        parley = Parley.open(Config.forTests(dir), clock);
        alice = principal(parley.accounts.register("alice", "correct horse battery staple", "127.0.0.1", null));
        bob = principal(parley.accounts.register("bob", "correct horse battery staple", "127.0.0.1", null));
    }

    @AfterAll
    static void closeApplication() {
        parley.close();
    }

    @BeforeEach
    void open() {
        room = parley.rooms.create(alice, "general-" + ++rooms, false).id();
        parley.rooms.join(bob, room);
        subscription = parley.bus.subscribe(published::add);
    }

    @AfterEach
    void close() {
        subscription.close();
    }

    private static Principal principal(Account account) {
        return new Principal(account.id(), account.username(), false, "session-of-" + account.username());
    }

    @Test
    void typingExpiresWithNoServerRunning() {
        parley.typing.start(alice, room);

        clock.advance(Timings.TYPING_TIMEOUT);

        await().atMost(Duration.ofSeconds(3))
                .until(() -> published.stream()
                        .anyMatch(e -> e instanceof TypingChanged t
                                && !t.typing()
                                && t.user().id() == alice.userId()));
    }

    @Test
    void presenceExpiresWithNoServerRunning() {
        parley.presence.connected(alice, "presence-test");
        parley.presence.disconnected(alice, "presence-test");

        clock.advance(Timings.GRACE);

        await().atMost(Duration.ofSeconds(3))
                .until(() -> published.stream()
                        .anyMatch(e -> e instanceof PresenceChanged p && p.change() == PresenceChanged.Change.OFFLINE));
    }

    @Test
    void leavingARoomEndsTypingThereOnceBeforeTheLeaveIsAnnounced() {
        parley.typing.start(bob, room);
        published.clear();

        parley.rooms.leave(bob, room);

        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOfSatisfying(TypingChanged.class, t -> {
            assertThat(t.user().id()).isEqualTo(bob.userId());
            assertThat(t.typing()).isFalse();
        });
        assertThat(published.get(1)).isInstanceOf(MemberLeft.class);
    }
}
