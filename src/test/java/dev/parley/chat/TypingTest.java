package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.TypingChanged;
import dev.parley.cluster.LocalEventBus;
import dev.parley.cluster.LocalRateLimits;
import dev.parley.cluster.LocalTypingState;
import dev.parley.store.Database;
import dev.parley.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typing on a clock moved by hand, with the in-memory shared state. */
class TypingTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.now();
    private final LocalEventBus bus = new LocalEventBus();
    private final List<TypingChanged> published = new CopyOnWriteArrayList<>();
    private Database database;
    private Typing typing;
    private Principal alice;
    private Principal bob;
    private long room;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("test.db"));
        var stores = database.stores();
        typing = new Typing(
                new LocalTypingState(clock),
                stores.rooms(),
                bus,
                new Quotas(Limits.generous(), new LocalRateLimits(clock)));
        Account a = stores.users().register("alice", "not-a-real-hash");
        Account b = stores.users().register("bob", "not-a-real-hash");
        alice = new Principal(a.id(), "alice", false, "s1");
        bob = new Principal(b.id(), "bob", false, "s2");
        room = stores.rooms().createChannel("general", false, a.id()).id();
        bus.subscribe(e -> {
            if (e instanceof TypingChanged t) published.add(t);
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<Boolean> typingFlags() {
        return published.stream().map(TypingChanged::typing).toList();
    }

    @Test
    void typingStopsATimeoutAfterTheLatestKeystrokeNotTheFirst() {
        typing.start(alice, room);
        clock.advance(Duration.ofSeconds(3));
        typing.start(alice, room);
        assertThat(typingFlags()).as("typing on is no news").containsExactly(true);

        clock.advance(Timings.TYPING_TIMEOUT.minusSeconds(1));
        typing.expire();
        assertThat(typingFlags()).containsExactly(true);

        clock.advance(Duration.ofSeconds(1));
        typing.expire();
        typing.expire();
        assertThat(typingFlags()).containsExactly(true, false);
        assertThat(published.get(1).typers()).isEmpty();
    }

    @Test
    void anExplicitStopEndsTypingOnceAndLeavesNothingToExpire() {
        typing.start(alice, room);
        typing.stop(alice, room);
        typing.stop(alice, room);
        clock.advance(Timings.TYPING_TIMEOUT);
        typing.expire();

        assertThat(typingFlags()).containsExactly(true, false);
    }

    @Test
    void onlyMembersType() {
        assertThatThrownBy(() -> typing.start(bob, room))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code).isEqualTo(ErrorCode.NOT_MEMBER));
        assertThat(published).isEmpty();
    }
}
