package dev.parley.live;

import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.PostgresDatabase;
import dev.parley.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three instances, each its own process, on one PostgreSQL and a private Redis. In each case
 * twelve clients spread over the instances send 2,000 messages into two rooms, and edit, react to
 * and delete some of them, while something breaks; at the end every client must hold every
 * message and change of its rooms exactly once and in order, and the database every message and
 * change exactly once, each message as its last change left it.
 */
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);
    private static final int MESSAGES = 2000;
    private static final int CLIENTS = 12;

    private static RedisServer redis;
    private static PostgresDatabase database;
    private static final List<ParleyProcess> instances = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        database = PostgresDatabase.create();
        var env = Map.of(
                "DATABASE_URL",
                database.url(),
                "REDIS_URL",
                redis.url(),
                "JWT_SECRET",
                UUID.randomUUID() + "-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) instances.add(ParleyProcess.start(env));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        instances.forEach(ParleyProcess::close);
        redis.close();
        database.close();
    }

    @BeforeEach
    void everyInstanceIsUp() {
        for (ParleyProcess instance : instances) {
            if (!instance.isAlive()) instance.restart();
        }
    }

    @Test
    void redisPausedForThreeSeconds() throws Exception {
        survives(200, () -> {
            redis.pause();
            LiveClient.pause(3000);
            redis.resume();
        });
    }

    @Test
    void redisKilledAndRestarted() throws Exception {
        survives(200, () -> {
            redis.kill();
            LiveClient.pause(1000);
            redis.restart();
        });
    }

    @Test
    void anInstanceKilledWhileItsClientsMoveToTheOthers() throws Exception {
        survives(200, () -> instances.get(2).kill());
    }

    @Test
    void aRollingRestartOfEveryInstance() throws Exception {
        survives(80, () -> {
            for (ParleyProcess instance : instances) instance.restart();
        });
    }

    @Test
    void anInstanceKilledTakesItsUsersOfflineEverywhereUnlessTheyAreConnectedElsewhere() {
        var api = new ApiClient(instances.get(0).base());
        Session watcher = api.register(person("watcher"));
        Session gone = api.register(person("gone"));
        Session stays = api.register(person("stays"));
        long room = api.createRoom(watcher, ApiClient.fresh("presence"), false);
        api.join(gone, room);
        api.join(stays, room);
        try (var watching = socket(0, watcher);
                var goneOnC = socket(2, gone);
                var staysOnB = socket(1, stays);
                var staysOnC = socket(2, stays)) {
            watching.event("user-online", u -> u.path("userId").asLong() == gone.userId());
            long killed = System.nanoTime();
            instances.get(2).kill();
            await().atMost(Duration.ofSeconds(25))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> watching.events("user-offline").stream()
                            .anyMatch(e -> e.path("data").path("userId").asLong() == gone.userId()));
            long offlineMs = (System.nanoTime() - killed) / 1_000_000;
            log.info(
                    "presence: a user of the killed instance went offline elsewhere {} ms after the SIGKILL",
                    offlineMs);
            assertThat(offlineMs).isBetween(5_000L, 17_000L);
            assertThat(watching.events("user-offline"))
                    .noneMatch(e -> e.path("data").path("userId").asLong() == stays.userId());
        }
    }

    private static LiveClient socket(int instance, Session who) {
        return LiveClient.connect(
                        instances.get(instance).uri("/ws"),
                        Map.of("Authorization", "Bearer " + who.accessToken()),
                        "parley.json")
                .ready();
    }

    /** Every change made, by a name ("edit 42") to {room, messageId, seq}. */
    private final Map<String, long[]> changed = new ConcurrentHashMap<>();

    /**
     * Edits and reacts to one of the client's messages, {room, messageId} (and deletes it, when
     * {@code delete}), each change retried with its own clientId until acknowledged; returns
     * {room, seq} of each.
     */
    private List<long[]> changes(RoamingClient client, long[] sent, String id, boolean delete) {
        long room = sent[0];
        long messageId = sent[1];
        var out = new ArrayList<long[]>();
        var target = Map.<String, Object>of("roomId", room, "messageId", messageId);
        var edit = new java.util.HashMap<>(target);
        edit.put("content", "edited " + messageId);
        out.add(new long[] {room, client.change("edit-message", edit, "edit-" + id)});
        changed.put("edit " + messageId, new long[] {room, messageId});
        var react = new java.util.HashMap<>(target);
        react.put("emoji", "👍");
        out.add(new long[] {room, client.change("add-reaction", react, "react-" + id)});
        changed.put("react " + messageId, new long[] {room, messageId});
        if (delete) {
            out.add(new long[] {room, client.change("delete-message", target, "delete-" + id)});
            changed.put("delete " + messageId, new long[] {room, messageId});
        }
        return out;
    }

    /**
     * Sends {@link #MESSAGES} at about {@code perSecond} from {@link #CLIENTS} clients spread
     * over the instances, runs {@code fault} once a third of them went out, and checks the end state.
     */
    private void survives(int perSecond, Runnable fault) throws Exception {
        var api = new ApiClient(instances.get(0).base());
        List<Session> people = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) people.add(api.register(person("chaos")));
        long first = api.createRoom(people.get(0), ApiClient.fresh("first"), false);
        long second = api.createRoom(people.get(CLIENTS - 1), ApiClient.fresh("second"), false);
        // Clients 0-7 are in the first room, 4-11 in the second: four of them in both.
        List<RoamingClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            List<Long> rooms = new ArrayList<>();
            if (i < 8) rooms.add(first);
            if (i >= 4) rooms.add(second);
            for (long room : rooms) {
                if (!(room == first && i == 0) && !(room == second && i == CLIENTS - 1)) api.join(people.get(i), room);
            }
            clients.add(new RoamingClient(people.get(i), rooms, instances, i % instances.size()));
        }

        changed.clear();
        var seqs = new ConcurrentHashMap<Long, List<Long>>(Map.of(first, new ArrayList<>(), second, new ArrayList<>()));
        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        long pauseMs = 1000L * CLIENTS / perSecond;
        List<Future<?>> sending = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            RoamingClient client = clients.get(c);
            int share = MESSAGES / CLIENTS + (c < MESSAGES % CLIENTS ? 1 : 0);
            sending.add(senders.submit(() -> {
                var mine = new ArrayList<long[]>(); // {room, messageId} of each message sent
                for (int m = 0; m < share; m++) {
                    long room = client.rooms.get(m % client.rooms.size());
                    String id = client.who.username() + "-" + m;
                    long[] sent = client.sendForId(room, "message " + id, id);
                    synchronized (seqs) {
                        seqs.get(room).add(sent[0]);
                    }
                    mine.add(new long[] {room, sent[1]});
                    // Every tenth message, the one before it is edited and reacted to; every twentieth, then deleted.
                    if (m % 10 == 9) {
                        for (long[] change : changes(client, mine.get(m - 1), id, m % 20 == 19)) {
                            synchronized (seqs) {
                                seqs.get(change[0]).add(change[1]);
                            }
                        }
                    }
                    LiveClient.pause(pauseMs);
                }
                return null;
            }));
        }
        LiveClient.pause(MESSAGES / 3 * 1000L / perSecond);
        long faultAt = System.nanoTime();
        fault.run();
        long faultMs = (System.nanoTime() - faultAt) / 1_000_000;
        for (Future<?> f : sending) f.get();
        senders.shutdown();
        long sentMs = (System.nanoTime() - started) / 1_000_000;

        // Stored exactly once: the acknowledged seqs of each room are 1..n, each once, whatever was retried.
        long inFirst = seqs.get(first).size();
        long inSecond = seqs.get(second).size();
        assertThat(inFirst + inSecond).isEqualTo(MESSAGES + changed.size());
        assertThat(seqs.get(first))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, inFirst).boxed().toList());
        assertThat(seqs.get(second))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, inSecond).boxed().toList());

        // Delivered exactly once and in order to every member, across every socket it had.
        long healStarted = System.nanoTime();
        try {
            for (RoamingClient client : clients) {
                for (long room : client.rooms) {
                    List<Long> expected = LongStream.rangeClosed(1, room == first ? inFirst : inSecond)
                            .boxed()
                            .toList();
                    await().atMost(Duration.ofSeconds(30))
                            .untilAsserted(() -> assertThat(client.received(room))
                                    .as("%s in room %d", client.who.username(), room)
                                    .containsExactlyElementsOf(expected));
                }
            }
            // Each changed message is as its last change left it, on whichever instance is asked.
            for (var entry : changed.entrySet()) {
                long[] target = entry.getValue();
                for (ParleyProcess instance : instances) {
                    if (!instance.isAlive()) continue;
                    var message = new ApiClient(instance.base())
                            .get(
                                    "/api/rooms/" + target[0] + "/messages/" + target[1],
                                    people.get(0).accessToken())
                            .json();
                    if (entry.getKey().startsWith("delete ")) {
                        assertThat(message.path("deleted").asBoolean())
                                .as(entry.getKey())
                                .isTrue();
                        assertThat(message.path("content").asText()).isEmpty();
                    } else if (entry.getKey().startsWith("edit ")) {
                        boolean deleted = changed.containsKey("delete " + target[1]);
                        assertThat(message.path("content").asText())
                                .as(entry.getKey())
                                .isEqualTo(deleted ? "" : "edited " + target[1]);
                        if (!deleted)
                            assertThat(message.path("reactions")
                                            .get(0)
                                            .path("emoji")
                                            .asText())
                                    .isEqualTo("👍");
                    }
                }
            }
        } finally {
            int reconnects = clients.stream().mapToInt(c -> c.reconnects).sum();
            log.info(
                    "chaos: {} messages sent in {} ms; fault took {} ms; {} reconnects; end state checked in {} ms",
                    MESSAGES,
                    sentMs,
                    faultMs,
                    reconnects,
                    (System.nanoTime() - healStarted) / 1_000_000);
            clients.forEach(RoamingClient::close);
        }
    }
}
