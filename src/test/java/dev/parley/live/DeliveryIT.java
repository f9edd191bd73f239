package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static dev.parley.testing.LiveFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The heart of the product: each socket gets the messages of its rooms in seq order, with no
 * gap and no duplicate, also under concurrent senders and across a dropped connection.
 */
class DeliveryIT extends OneServer {

    @Test
    void aBurstOf500MessagesFromFiveSendersReachesEverySocketOnceInOrder() {
        var owner = api.register(person("owner"));
        long room = api.createRoom(owner, ApiClient.fresh("burst"), false);
        var senders = new ArrayList<Session>();
        for (int i = 0; i < 5; i++) {
            var s = api.register(person("sender"));
            api.join(s, room);
            senders.add(s);
        }
        var clients = new ArrayList<LiveClient>();
        try {
            for (Session s : senders) clients.add(LiveClient.json(server, s.accessToken()));
            var watcher = LiveClient.json(server, owner.accessToken());
            clients.add(watcher);
            for (LiveClient c : clients) c.ready();

            ExecutorService pool = Executors.newFixedThreadPool(5);
            var acks = new ArrayList<CompletableFuture<JsonNode>>();
            try {
                var sending = new ArrayList<CompletableFuture<Void>>();
                for (int i = 0; i < 5; i++) {
                    LiveClient sender = clients.get(i);
                    int n = i;
                    sending.add(CompletableFuture.runAsync(
                            () -> {
                                // Pipelined: a hundred frames without waiting, as a busy bot sends them.
                                for (int k = 0; k < 100; k++) {
                                    var ack = sender.requestAsync(
                                            "send-message",
                                            Map.of(
                                                    "roomId",
                                                    room,
                                                    "content",
                                                    "s" + n + "-" + k,
                                                    "clientId",
                                                    "b" + n + "-" + k));
                                    synchronized (acks) {
                                        acks.add(ack);
                                    }
                                }
                            },
                            pool));
                }
                CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))
                        .join();
            } finally {
                pool.shutdown();
            }
            List<JsonNode> answers = acks.stream()
                    .map(f -> f.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                            .join())
                    .toList();
            assertThat(answers).allSatisfy(LiveFixtures::assertOk);
            assertThat(answers.stream()
                            .map(a -> a.path("data").path("seq").asLong())
                            .sorted()
                            .toList())
                    .isEqualTo(range(1, 500));

            for (LiveClient c : clients) {
                await().atMost(Duration.ofSeconds(20)).until(() -> c.seqs(room).size() >= 500);
                assertThat(c.seqs(room)).as("every seq once, in order").isEqualTo(range(1, 500));
            }
            // Each sender's own messages came back in the order it sent them.
            for (int i = 0; i < 5; i++) {
                String prefix = "s" + i + "-";
                List<String> own = clients.get(5).events("new-message").stream()
                        .map(e -> e.path("data").path("content").asText())
                        .filter(t -> t.startsWith(prefix))
                        .toList();
                assertThat(own)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100)
                                .mapToObj(k -> prefix + k)
                                .toList());
            }
        } finally {
            clients.forEach(LiveClient::close);
        }
    }

    @Test
    void aSocketThatDiedResumesWithSyncAndGetsEveryMissedMessageOnceInOrderBeforeTheAck() throws Exception {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        for (int i = 1; i <= 5; i++) api.say(pair.a(), room, "before " + i);
        var b = LiveClient.json(server, pair.b().accessToken());
        b.ready();
        for (int i = 6; i <= 10; i++) api.say(pair.a(), room, "live " + i);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.seqs(room).size() == 5);
        assertThat(b.seqs(room)).containsExactly(6L, 7L, 8L, 9L, 10L);
        long lastSeen = 10;

        b.kill();
        for (int i = 11; i <= 60; i++) api.say(pair.a(), room, "missed " + i);

        // More keep coming while bob reconnects: they must neither overtake the replay nor repeat it.
        var more = CompletableFuture.runAsync(() -> {
            for (int i = 61; i <= 80; i++) api.say(pair.a(), room, "racing " + i);
        });
        try (var again = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode synced = assertOk(again.request("sync", Map.of("rooms", Map.of(String.valueOf(room), lastSeen))));
            more.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> again.seqs(room).size() >= 70);

            assertThat(again.seqs(room))
                    .as("every missed message once, in order")
                    .isEqualTo(range(11, 80));
            assertThat(synced.path("replayed").asInt()).isBetween(50, 70);
            assertThat(synced.path("gap").asBoolean()).isFalse();
            // The replayed ones came before the sync's ack.
            List<JsonNode> frames = again.jsons();
            int ackAt = frames.indexOf(
                    frames.stream().filter(LiveClient::isAck).findFirst().orElseThrow());
            List<Long> beforeAck = frames.subList(0, ackAt).stream()
                    .filter(f -> f.path("event").asText().equals("new-message"))
                    .map(f -> f.path("data").path("seq").asLong())
                    .toList();
            // (Messages held back while the sync ran may follow the replay before the ack, in order.)
            assertThat(beforeAck.size())
                    .isGreaterThanOrEqualTo(Math.max(50, synced.path("replayed").asInt()));
            assertThat(beforeAck).isEqualTo(range(11, 10 + beforeAck.size()));
        }
    }

    @Test
    void aSocketThatSaysNothingGetsTheRoomsMessagesAfterAShortHold() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        try (var listener = LiveClient.json(server, pair.b().accessToken())) {
            listener.event("online-users");
            api.say(pair.a(), pair.room(), "for a bot that only listens");
            assertThat(listener.event("new-message")
                            .path("data")
                            .path("content")
                            .asText())
                    .isEqualTo("for a bot that only listens");
        }
    }

    @Test
    void aSyncAfterTheSocketWentLiveReplaysOnlyWhatCameBeforeItAndNothingTwice() {
        var pair = LiveFixtures.pairInRoom(api, "cat", "dan");
        api.say(pair.a(), pair.room(), "one");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            // A first frame other than sync ends the hold: the socket is live before it syncs.
            assertOk(b.request("send-message", Map.of("roomId", pair.room(), "content", "two")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> b.seqs(pair.room()).contains(2L));

            JsonNode synced = assertOk(b.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
            assertThat(synced.path("replayed").asInt()).isEqualTo(1);
            api.say(pair.a(), pair.room(), "three");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> b.seqs(pair.room()).contains(3L));
            assertThat(b.seqs(pair.room()))
                    .as("what it already had live is not replayed")
                    .containsExactly(2L, 1L, 3L);
        }
    }

    @Test
    void syncWithNothingMissedReplaysNothingAndStaysLive() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        api.say(pair.a(), pair.room(), "one");
        api.say(pair.a(), pair.room(), "two");
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode synced = assertOk(b.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 2))));
            assertThat(synced.path("replayed").asInt()).isZero();
            assertThat(synced.path("gap").asBoolean()).isFalse();
            api.say(pair.a(), pair.room(), "three");
            b.event("new-message");
            assertThat(b.seqs(pair.room())).containsExactly(3L);
        }
    }

    @Test
    void syncFromZeroReplaysTheWholeRoomAndAPageStyleSyncWorksToo() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        for (int i = 1; i <= 7; i++) api.say(pair.a(), pair.room(), "m" + i);
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode synced = assertOk(b.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
            assertThat(synced.path("replayed").asInt()).isEqualTo(7);
            assertThat(b.seqs(pair.room())).isEqualTo(range(1, 7));
        }
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            // The page's form: {roomId, lastSeq} flat beside the event, as strings.
            JsonNode synced = b.raw(
                    "page-sync",
                    "{\"event\":\"sync\",\"ack\":\"page-sync\",\"roomId\":\"" + pair.room() + "\",\"lastSeq\":\"4\"}");
            assertThat(assertOk(synced).path("replayed").asInt()).isEqualTo(3);
            assertThat(b.seqs(pair.room())).containsExactly(5L, 6L, 7L);
        }
    }

    @Test
    void syncOfARoomYouAreNotInIsRefused() {
        var ann = api.register(person("ann"));
        var bob = api.register(person("bob"));
        long open = api.createRoom(ann, ApiClient.fresh("open"), false);
        long secret = api.createRoom(ann, ApiClient.fresh("secret"), true);
        api.say(ann, open, "not for bob's socket");
        api.say(ann, secret, "nor this");
        try (var b = LiveClient.json(server, bob.accessToken())) {
            assertFailed(b.request("sync", Map.of("rooms", Map.of(String.valueOf(open), 0))), "not_member");
            assertFailed(b.request("sync", Map.of("rooms", Map.of(String.valueOf(secret), 0))), "not_found");
            assertThat(b.events("new-message")).isEmpty();
        }
    }

    @Test
    void aSyncMoreThanAThousandBehindSaysThereIsAGap() {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        var bots = new ArrayList<LiveClient>();
        try {
            // Five sockets of ann's, each within its frame rate.
            for (int i = 0; i < 5; i++)
                bots.add(LiveClient.json(server, pair.a().accessToken()));
            var pending = new ArrayList<CompletableFuture<JsonNode>>();
            for (int k = 0; k < 1005; k++) {
                pending.add(bots.get(k % 5)
                        .requestAsync("send-message", Map.of("roomId", pair.room(), "content", "m" + k)));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            assertThat(pending).allSatisfy(f -> assertOk(f.join()));
        } finally {
            bots.forEach(LiveClient::close);
        }
        try (var b = LiveClient.json(server, pair.b().accessToken())) {
            JsonNode synced = assertOk(b.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 2))));
            assertThat(synced.path("gap").asBoolean()).isTrue();
            assertThat(synced.path("replayed").asInt()).isEqualTo(1000);
            assertThat(b.seqs(pair.room())).isEqualTo(range(6, 1005));
        }
    }
}
