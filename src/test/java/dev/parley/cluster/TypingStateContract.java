package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.TypingState;
import dev.parley.chat.TypingState.Entry;
import dev.parley.chat.UserRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TypingState} must do. Each implementation runs all of it on an empty state. */
abstract class TypingStateContract {

    static final UserRef ALICE = new UserRef(1, "alice");
    static final UserRef BOB = new UserRef(2, "bob");
    static final UserRef ZOE = new UserRef(3, "zoë");
    static final long GENERAL = 7;
    static final long RANDOM = 8;
    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    TypingState state;

    /** An empty state, different for every test. */
    protected abstract TypingState newState();

    /** The state of the test as another instance sees it; a single instance has only its own. */
    protected abstract TypingState sameStateOnAnotherInstance();

    @BeforeEach
    void setUpState() {
        state = newState();
    }

    static Instant at(int seconds) {
        return NOW.plusSeconds(seconds);
    }

    @Test
    void startingToTypeIsNewsOnlyTheFirstTime() {
        assertThat(state.start(GENERAL, ALICE, at(5))).isTrue();
        assertThat(state.start(GENERAL, ALICE, at(6))).isFalse();
        assertThat(state.typers(GENERAL)).containsExactly(ALICE);
    }

    @Test
    void typersAreListedInTheOrderTheyStartedAndTypingOnKeepsOnesPlace() {
        state.start(GENERAL, BOB, at(5));
        state.start(GENERAL, ZOE, at(5));
        state.start(GENERAL, ALICE, at(6));
        state.start(GENERAL, BOB, at(7));
        assertThat(state.typers(GENERAL)).containsExactly(BOB, ZOE, ALICE);
    }

    @Test
    void someoneWhoStopsAndStartsAgainGoesLast() {
        state.start(GENERAL, BOB, at(5));
        state.start(GENERAL, ALICE, at(5));
        state.stop(GENERAL, BOB.id());
        state.start(GENERAL, BOB, at(6));
        assertThat(state.typers(GENERAL)).containsExactly(ALICE, BOB);
    }

    @Test
    void stopTellsWhetherTheUserWasTyping() {
        state.start(GENERAL, ALICE, at(5));
        assertThat(state.stop(GENERAL, ALICE.id())).isTrue();
        assertThat(state.stop(GENERAL, ALICE.id())).isFalse();
        assertThat(state.stop(GENERAL, BOB.id())).isFalse();
        assertThat(state.typers(GENERAL)).isEmpty();
    }

    @Test
    void typingInOneRoomIsNotTypingInAnother() {
        state.start(GENERAL, ALICE, at(5));
        assertThat(state.typers(RANDOM)).isEmpty();
        assertThat(state.stop(RANDOM, ALICE.id())).isFalse();
        assertThat(state.start(RANDOM, ALICE, at(5))).isTrue();
        assertThat(state.typers(GENERAL)).containsExactly(ALICE);
    }

    @Test
    void typingLapsesAtTheDeadlineOfTheLatestStart() {
        state.start(GENERAL, ALICE, at(5));
        state.start(GENERAL, ALICE, at(8));
        assertThat(state.expire(at(5))).isEmpty();
        assertThat(state.expire(at(8).minusMillis(1))).isEmpty();
        assertThat(state.expire(at(8))).containsExactly(new Entry(GENERAL, ALICE));
        assertThat(state.typers(GENERAL)).isEmpty();
        assertThat(state.start(GENERAL, ALICE, at(15))).isTrue();
    }

    @Test
    void aLapsedEntryCountsUntilExpireRemovesIt() {
        state.start(GENERAL, ALICE, at(5));
        // Past the deadline, but no expire has run: Alice never stopped, so this is no news.
        assertThat(state.typers(GENERAL)).containsExactly(ALICE);
        assertThat(state.start(GENERAL, ALICE, at(12))).isFalse();
        assertThat(state.expire(at(10))).isEmpty();
    }

    @Test
    void expireReturnsEachLapsedEntryOnce() {
        state.start(GENERAL, ALICE, at(5));
        state.start(GENERAL, BOB, at(5));
        state.start(RANDOM, ALICE, at(5));
        state.start(GENERAL, ZOE, at(10));
        assertThat(state.expire(at(6)))
                .containsExactlyInAnyOrder(
                        new Entry(GENERAL, ALICE), new Entry(GENERAL, BOB), new Entry(RANDOM, ALICE));
        assertThat(state.expire(at(7))).isEmpty();
        assertThat(state.typers(GENERAL)).containsExactly(ZOE);
    }

    @Test
    void aStoppedEntryNeverExpires() {
        state.start(GENERAL, ALICE, at(5));
        state.stop(GENERAL, ALICE.id());
        assertThat(state.expire(at(5))).isEmpty();
    }

    @Test
    void theLatestUsernameIsShown() {
        var renamed = new UserRef(ALICE.id(), "alice-renamed");
        state.start(GENERAL, ALICE, at(5));
        state.start(GENERAL, renamed, at(6));
        assertThat(state.typers(GENERAL)).containsExactly(renamed);
        assertThat(state.expire(at(6))).containsExactly(new Entry(GENERAL, renamed));
    }

    @Test
    void thousandsOfEntriesExpireEachOnce() {
        for (long id = 100; id < 1300; id++) state.start(id % 3, new UserRef(id, "user" + id), at(5));
        assertThat(state.expire(at(5))).hasSize(1200).doesNotHaveDuplicates();
        assertThat(state.typers(0)).isEmpty();
    }

    @Test
    void typingOnOneInstanceIsSeenOnAnother() {
        var other = sameStateOnAnotherInstance();
        state.start(GENERAL, ALICE, at(5));
        other.start(GENERAL, BOB, at(5));
        assertThat(other.typers(GENERAL)).containsExactly(ALICE, BOB);
        assertThat(other.start(GENERAL, ALICE, at(6))).isFalse();
        assertThat(other.stop(GENERAL, ALICE.id())).isTrue();
        assertThat(state.typers(GENERAL)).containsExactly(BOB);
    }

    @Test
    void manyCallersOnTwoInstancesExpireEachEntryExactlyOnce() throws Exception {
        var other = sameStateOnAnotherInstance();
        for (long id = 100; id < 400; id++)
            (id % 2 == 0 ? state : other).start(id % 3, new UserRef(id, "user" + id), at(5));
        List<List<Entry>> expired = Concurrently.run(8, i -> (i % 2 == 0 ? state : other).expire(at(5)));
        assertThat(expired.stream().flatMap(List::stream).toList()).hasSize(300).doesNotHaveDuplicates();
    }
}
