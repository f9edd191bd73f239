package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.ChatEvent.PresenceChanged;
import dev.parley.chat.Presence;
import dev.parley.store.Database;
import dev.parley.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances sharing presence through Redis, one with its clock an hour behind: deadlines
 * come from Redis's clock, so the instance with the right time does not end the skewed one's
 * leases early.
 */
class SkewedClocksIT {

    static SharedRedis redis;

    @TempDir
    Path dir;

    private Database database;
    private final LocalEventBus bus = new LocalEventBus();
    private final List<ChatEvent> published = new CopyOnWriteArrayList<>();
    private Principal alice;
    private long room;
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = SharedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void open() {
        redis.awaitAnswering();
        prefix = SharedRedis.freshPrefix();
        database = Database.open("jdbc:sqlite:" + dir.resolve("test.db"));
        var account = database.stores().users().register("alice", "not-a-real-hash");
        alice = new Principal(account.id(), "alice", false, "s1");
        room = database.stores()
                .rooms()
                .createChannel("general", false, account.id())
                .id();
        bus.subscribe(published::add);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Presence presenceOn(Redis link, java.time.Clock clock) {
        var stores = database.stores();
        return new Presence(
                new RedisPresenceState(link, prefix), stores.presence(), stores.rooms(), stores.users(), bus, clock);
    }

    @Test
    void aLeaseTakenOnAClockAnHourBehindIsNotExpiredByAnInstanceOnTheRightTime() {
        var behind = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
        presenceOn(redis.one, behind).connected(alice, "alice-laptop");

        presenceOn(redis.two, java.time.Clock.systemUTC()).expire();

        assertThat(published)
                .noneMatch(e -> e instanceof PresenceChanged p && p.change() == PresenceChanged.Change.OFFLINE);
        assertThat(new RedisPresenceState(redis.two, prefix).isOnline(alice.userId()))
                .isTrue();
    }

    @Test
    void theSharedClockIsRedissWhichOnThisMachineReadsTheSystemTime() {
        Instant before = Instant.now();
        Instant presence = new RedisPresenceState(redis.one, prefix).now();
        Instant typing = new RedisTypingState(redis.two, prefix).now();
        assertThat(presence).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(typing).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }
}
