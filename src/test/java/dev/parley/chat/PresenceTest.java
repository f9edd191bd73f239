package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.ChatEvent.PresenceChanged.Change;
import dev.parley.cluster.LocalEventBus;
import dev.parley.cluster.LocalPresenceState;
import dev.parley.store.Database;
import dev.parley.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence on a clock moved by hand, with the in-memory shared state and a store that can be made to fail. */
class PresenceTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.now();
    private final LocalEventBus bus = new LocalEventBus();
    private final List<PresenceChanged> published = new CopyOnWriteArrayList<>();
    private Database database;
    private FailingPresenceStore store;
    private Presence presence;
    private Principal alice;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("test.db"));
        var stores = database.stores();
        store = new FailingPresenceStore(stores.presence());
        presence = new Presence(new LocalPresenceState(clock), store, stores.rooms(), stores.users(), bus, clock);
        Account account = stores.users().register("alice", "not-a-real-hash");
        alice = new Principal(account.id(), "alice", false, "s1");
        bus.subscribe(e -> {
            if (e instanceof PresenceChanged p) published.add(p);
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<Change> changes() {
        return published.stream().map(PresenceChanged::change).toList();
    }

    @Test
    void theFirstConnectionAnnouncesTheUserOnlineAndTheSecondDoesNot() {
        presence.connected(alice, "c1");
        presence.connected(alice, "c2");

        assertThat(changes()).containsExactly(Change.ONLINE);
    }

    @Test
    void theUserGoesOfflineAGraceAfterTheirLastConnectionClosed() {
        presence.connected(alice, "c1");
        presence.disconnected(alice, "c1");

        clock.advance(Timings.GRACE.minusMillis(1));
        presence.expire();
        assertThat(changes()).containsExactly(Change.ONLINE);

        clock.advance(Duration.ofMillis(1));
        presence.expire();
        assertThat(changes()).containsExactly(Change.ONLINE, Change.OFFLINE);
        assertThat(published.get(1).status().lastSeen())
                .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aReconnectWithinTheGraceIsNoFlicker() {
        presence.connected(alice, "c1");
        presence.disconnected(alice, "c1");
        clock.advance(Duration.ofSeconds(1));
        presence.connected(alice, "c2");

        clock.advance(Timings.GRACE);
        presence.expire();

        assertThat(changes()).containsExactly(Change.ONLINE);
    }

    @Test
    void theHeartbeatKeepsALiveConnectionsLeaseAndAnAsleepOneLapses() {
        presence.connected(alice, "c1");
        for (Duration t = Duration.ZERO; t.compareTo(Timings.ASLEEP_AFTER) < 0; t = t.plus(Timings.HEARTBEAT)) {
            clock.advance(Timings.HEARTBEAT);
            presence.heartbeat();
            presence.expire();
        }
        assertThat(changes()).as("renewed while it was heard lately").containsExactly(Change.ONLINE);

        // Nothing heard for ASLEEP_AFTER: no more renewals, and the lease runs out.
        clock.advance(Timings.LEASE);
        presence.heartbeat();
        clock.advance(Timings.HEARTBEAT);
        presence.heartbeat();
        presence.expire();
        assertThat(changes()).containsExactly(Change.ONLINE, Change.OFFLINE);
    }

    @Test
    void anOfflineTheDatabaseRefusedIsPublishedAtTheNextExpiryNotLost() {
        presence.connected(alice, "c1");
        presence.disconnected(alice, "c1");
        clock.advance(Timings.GRACE);

        store.failing = true;
        presence.expire();
        assertThat(changes()).containsExactly(Change.ONLINE);

        store.failing = false;
        presence.expire();
        presence.expire();
        assertThat(changes()).containsExactly(Change.ONLINE, Change.OFFLINE);
    }

    @Test
    void aPendingOfflineIsDroppedWhenTheUserCameBackMeanwhile() {
        presence.connected(alice, "c1");
        presence.disconnected(alice, "c1");
        clock.advance(Timings.GRACE);
        store.failing = true;
        presence.expire();

        store.failing = false;
        presence.connected(alice, "c2");
        presence.expire();

        assertThat(changes()).containsExactly(Change.ONLINE, Change.ONLINE);
    }

    /** The real store, made to fail on demand as a database that lost its disk or its connection. */
    private static final class FailingPresenceStore implements PresenceStore {
        private final PresenceStore real;
        volatile boolean failing;

        FailingPresenceStore(PresenceStore real) {
            this.real = real;
        }

        private void check() {
            if (failing) throw new StoreException("database unavailable (test)", null);
        }

        @Override
        public Stored find(long userId) {
            check();
            return real.find(userId);
        }

        @Override
        public Map<Long, Stored> findAll(Collection<Long> userIds) {
            check();
            return real.findAll(userIds);
        }

        @Override
        public void setStatus(long userId, String status, String text) {
            check();
            real.setStatus(userId, status, text);
        }

        @Override
        public void setLastSeen(long userId, Instant at) {
            check();
            real.setLastSeen(userId, at);
        }
    }
}
