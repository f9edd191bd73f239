package dev.parley.live;

import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.cluster.Redis;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone who can publish on the cluster's Redis but does not hold JWT_SECRET: what they publish
 * on Parley's channel reaches no socket, not even as a closed session, while what instances
 * publish to each other still crosses (issue 14, item 2).
 */
class ForgedBusIT {

    private static final String CHANNEL = "parley:events";
    private static InstancesFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new InstancesFixture(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aForgedPublishReachesNoClientWhileAGenuineOneDoes() {
        Person alicePerson = person("alice");
        WebClient aliceBrowser = new WebClient(cluster.instance(0)).signUp(alicePerson);
        Session alice = cluster.api(0).login(alicePerson);
        Session bob = cluster.api(1).register(person("bob"));
        long room = cluster.api(0).createRoom(alice, ApiClient.fresh("ops"), false);
        cluster.api(1).join(bob, room);

        try (var program = LiveClient.json(cluster.instance(0), alice.accessToken())
                        .ready();
                var page = LiveClient.page(cluster.instance(0), cookieHeader(aliceBrowser), "?room=" + room);
                Redis attacker = Redis.connect(cluster.redis.url())) {
            page.send("{\"event\":\"sync\",\"roomId\":\"" + room + "\",\"lastSeq\":\"0\"}");
            String forgedMessage = """
                    {"from":"attacker","type":"MessagePosted","event":{"message":{"id":999999,"roomId":%d,"seq":1,
                    "user":{"id":%d,"username":"%s"},"content":"forged","html":"<button hx-post=\\"/admin/users/%d/admin\\" hx-trigger=\\"load\\">forged</button>",
                    "createdAt":"2026-12-01T00:00:00Z","clientId":null}}}""".formatted(room, bob.userId(), bob.username(), bob.userId())
                    .replace("\n", "");
            String forgedLogout =
                    "{\"from\":\"attacker\",\"type\":\"SessionsEnded\",\"event\":{\"userId\":%d,\"sessionId\":null,\"kept\":\"none\"}}"
                            .formatted(alice.userId());
            attacker.commands.sync().publish(CHANNEL, forgedMessage);
            attacker.commands.sync().publish(CHANNEL, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA " + forgedMessage);
            attacker.commands.sync().publish(CHANNEL, forgedLogout);

            cluster.api(1).say(bob, room, "genuine");

            await().atMost(LiveClient.WAIT).until(() -> program.seqs(room).contains(1L));
            var delivered = program.event("new-message", m -> m.path("seq").asLong() == 1)
                    .path("data");
            assertThat(delivered.path("content").asText()).isEqualTo("genuine");
            await().atMost(LiveClient.WAIT).until(() -> page.texts().stream().anyMatch(t -> t.contains("genuine")));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(program.texts()).noneMatch(t -> t.contains("forged"));
            assertThat(page.texts()).noneMatch(t -> t.contains("forged") || t.contains("hx-post"));
            assertThat(program.closed()).isNotDone();
            assertThat(page.closed()).isNotDone();
        }
    }
}
