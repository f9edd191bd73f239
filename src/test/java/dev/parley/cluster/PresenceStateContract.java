package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.PresenceState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceState} must do. Each implementation runs all of it on an empty state. */
abstract class PresenceStateContract {

    static final long ALICE = 1;
    static final long BOB = 2;
    static final long CAROL = 3;
    static final long DAVE = 4;
    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    PresenceState state;

    /** An empty state, different for every test. */
    protected abstract PresenceState newState();

    /** The state of the test as another instance sees it; a single instance has only its own. */
    protected abstract PresenceState sameStateOnAnotherInstance();

    @BeforeEach
    void setUpState() {
        state = newState();
    }

    static Instant at(int seconds) {
        return NOW.plusSeconds(seconds);
    }

    @Test
    void aUsersFirstConnectionBringsThemOnline() {
        assertThat(state.isOnline(ALICE)).isFalse();
        assertThat(state.connect(ALICE, "alice-laptop", at(45))).isTrue();
        assertThat(state.isOnline(ALICE)).isTrue();
    }

    @Test
    void furtherConnectionsOfAnOnlineUserAreNoNews() {
        state.connect(ALICE, "alice-laptop", at(45));
        assertThat(state.connect(ALICE, "alice-phone", at(45))).isFalse();
        assertThat(state.connect(ALICE, "alice-laptop", at(60))).isFalse();
    }

    @Test
    void aUserIsOfflineOnlyWhenTheLastLeaseLapses() {
        state.connect(ALICE, "alice-laptop", at(10));
        state.connect(ALICE, "alice-phone", at(45));
        assertThat(state.expire(at(10))).isEmpty();
        assertThat(state.isOnline(ALICE)).isTrue();
        assertThat(state.expire(at(45))).containsExactly(ALICE);
        assertThat(state.isOnline(ALICE)).isFalse();
    }

    @Test
    void aLeaseLapsesAtItsDeadlineNotBefore() {
        state.connect(ALICE, "alice-laptop", at(45));
        assertThat(state.expire(at(45).minusMillis(1))).isEmpty();
        assertThat(state.expire(at(45))).containsExactly(ALICE);
    }

    @Test
    void aClosedConnectionTakesTheUserOfflineWhenItsGraceLapses() {
        state.connect(ALICE, "alice-laptop", at(45));
        assertThat(state.connect(ALICE, "alice-laptop", at(3))).isFalse();
        assertThat(state.expire(at(2))).isEmpty();
        assertThat(state.expire(at(3))).containsExactly(ALICE);
        assertThat(state.isOnline(ALICE)).isFalse();
    }

    @Test
    void aReconnectWithinTheGraceIsNotSeen() {
        state.connect(ALICE, "alice-tab-1", at(45));
        state.connect(ALICE, "alice-tab-1", at(3));
        assertThat(state.connect(ALICE, "alice-tab-2", at(46))).isFalse();
        assertThat(state.expire(at(3))).isEmpty();
        assertThat(state.isOnline(ALICE)).isTrue();
    }

    @Test
    void aLapsedLeaseCountsUntilExpireDropsIt() {
        state.connect(ALICE, "alice-laptop", at(3));
        // Past the deadline, but no expire has run: Alice never went offline, so this is no news.
        assertThat(state.isOnline(ALICE)).isTrue();
        assertThat(state.connect(ALICE, "alice-phone", at(55))).isFalse();
        assertThat(state.expire(at(10))).isEmpty();
        assertThat(state.isOnline(ALICE)).isTrue();
    }

    @Test
    void aUserWhoWentOfflineComesOnlineAgain() {
        state.connect(ALICE, "alice-laptop", at(45));
        state.expire(at(45));
        assertThat(state.connect(ALICE, "alice-laptop", at(90))).isTrue();
    }

    @Test
    void expireReportsEachUserWhoWentOfflineOnce() {
        state.connect(ALICE, "alice-laptop", at(45));
        state.connect(BOB, "bob-phone", at(45));
        state.connect(CAROL, "carol-laptop", at(90));
        assertThat(state.expire(at(50))).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(state.expire(at(60))).isEmpty();
        assertThat(state.expire(at(90))).containsExactly(CAROL);
    }

    @Test
    void aConnectionIdMayHoldAnyCharacters() {
        assertThat(state.connect(ALICE, "tab:1/é", at(45))).isTrue();
        assertThat(state.connect(ALICE, "tab:1/é", at(45))).isFalse();
        assertThat(state.expire(at(45))).containsExactly(ALICE);
    }

    @Test
    void renewReportsOnlyTheUsersWhoHadNoLease() {
        state.connect(ALICE, "alice-laptop", at(45));
        var connections = Map.of("alice-laptop", ALICE, "alice-phone", ALICE, "bob-phone", BOB, "bob-laptop", BOB);
        assertThat(state.renew(connections, at(60))).containsExactly(BOB);
        assertThat(state.renew(connections, at(75))).isEmpty();
    }

    @Test
    void renewMovesEveryDeadline() {
        var connections = Map.of("alice-laptop", ALICE, "bob-phone", BOB);
        state.renew(connections, at(45));
        state.renew(connections, at(60));
        assertThat(state.expire(at(45))).isEmpty();
        assertThat(state.expire(at(60))).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void thousandsOfConnectionsAreRenewedAndExpiredWithEachUserReportedOnce() {
        var connections = new HashMap<String, Long>();
        for (long user = 100; user < 1300; user++) {
            connections.put("laptop-" + user, user);
            connections.put("phone-" + user, user);
        }
        var users = LongStream.range(100, 1300).boxed().toList();
        assertThat(state.renew(connections, at(45))).containsExactlyInAnyOrderElementsOf(users);
        assertThat(state.online(users)).containsExactlyInAnyOrderElementsOf(users);
        assertThat(state.expire(at(45))).containsExactlyInAnyOrderElementsOf(users);
        assertThat(state.online(users)).isEmpty();
    }

    @Test
    void onlineTellsWhichOfTheUsersAreOnline() {
        state.connect(ALICE, "alice-laptop", at(45));
        state.connect(CAROL, "carol-phone", at(45));
        assertThat(state.online(List.of(ALICE, BOB, CAROL, DAVE))).containsExactlyInAnyOrder(ALICE, CAROL);
        assertThat(state.online(List.of())).isEmpty();
    }

    @Test
    void aConnectionOnOneInstanceIsSeenOnAnother() {
        var other = sameStateOnAnotherInstance();
        state.connect(ALICE, "alice-laptop", at(45));
        assertThat(other.isOnline(ALICE)).isTrue();
        assertThat(other.online(List.of(ALICE, BOB))).containsExactly(ALICE);
        assertThat(other.connect(ALICE, "alice-phone", at(45))).isFalse();
    }

    @Test
    void onlyOneInstanceReportsAUserWhoWentOffline() {
        var other = sameStateOnAnotherInstance();
        state.connect(ALICE, "alice-laptop", at(45));
        assertThat(other.expire(at(45))).containsExactly(ALICE);
        assertThat(state.expire(at(45))).isEmpty();
    }

    @Test
    void manyCallersOnTwoInstancesExpireEachUserExactlyOnce() throws Exception {
        var other = sameStateOnAnotherInstance();
        for (long user = 100; user < 400; user++) {
            state.connect(user, "laptop-" + user, at(45));
            other.connect(user, "phone-" + user, at(30));
        }
        List<Set<Long>> reports = Concurrently.run(8, i -> (i % 2 == 0 ? state : other).expire(at(45)));
        assertThat(reports.stream().flatMap(Set::stream).toList()).hasSize(300).doesNotHaveDuplicates();
    }
}
