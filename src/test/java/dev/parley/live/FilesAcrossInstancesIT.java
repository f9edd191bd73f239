package dev.parley.live;

import static dev.parley.testing.LiveFixtures.cookieHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.FileFixtures;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.WebClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL and one Redis: a file uploaded to one is served by the other,
 * and the message that attaches it (sent over the socket) reaches the other's programs and pages
 * with its files, live and by sync.
 */
class FilesAcrossInstancesIT {

    private static InstancesFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new InstancesFixture(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Person person(String name) {
        return new Person(name + "-" + UUID.randomUUID().toString().substring(0, 6), name + "-secret-123");
    }

    @Test
    void anImageSentOnOneInstanceIsSeenAndServedOnTheOther() throws Exception {
        Session alice = cluster.api(0).register(person("alice"));
        Person bobPerson = person("bob");
        WebClient bobBrowser = new WebClient(cluster.instance(1)).signUp(bobPerson);
        Session bob = cluster.api(1).login(bobPerson);
        long room = cluster.api(0).createRoom(alice, ApiClient.fresh("photos"), false);
        cluster.api(1).join(bob, room);

        byte[] png = FileFixtures.png(640, 480);
        String id = FileFixtures.uploaded(cluster.api(0), alice, "sunset.png", png);

        try (var program =
                        LiveClient.json(cluster.instance(1), bob.accessToken()).ready();
                var page = LiveClient.page(cluster.instance(1), cookieHeader(bobBrowser), "?room=" + room);
                var sender = LiveClient.json(cluster.instance(0), alice.accessToken())
                        .ready()) {
            page.send("{\"event\":\"sync\",\"roomId\":\"" + room + "\",\"lastSeq\":\"0\"}");
            JsonNode ack = sender.request(
                    "send-message",
                    Map.of("roomId", room, "content", "look", "clientId", "c-photo", "files", List.of(id)));
            assertThat(ack.path("success").asBoolean()).as(ack.toString()).isTrue();
            assertThat(ack.path("data").path("files").path(0).path("id").asText())
                    .isEqualTo(id);

            await().atMost(LiveClient.WAIT).until(() -> program.seqs(room).contains(1L));
            JsonNode live = program.event("new-message", m -> m.path("seq").asLong() == 1)
                    .path("data");
            JsonNode file = live.path("files").path(0);
            assertThat(file.path("name").asText()).isEqualTo("sunset.png");
            assertThat(file.path("thumbnailUrl").asText()).isEqualTo("/files/" + id + "/thumbnail");
            assertThat(file.path("width").asInt()).isEqualTo(640);

            String fragment = page.awaitText(t -> t.contains("/files/" + id + "/thumbnail"));
            assertThat(fragment).contains("width=\"360\"").contains("height=\"270\"");

            // A retried send, to the other instance, is the same message with the same file.
            JsonNode again = program.request(
                    "send-message",
                    Map.of("roomId", room, "content", "look", "clientId", "c-photo", "files", List.of(id)));
            assertThat(again.path("success").asBoolean()).isFalse(); // Bob is not Alice: his clientId space is his own
        }

        var served = ApiClient.HTTP.send(
                cluster.api(1)
                        .request("/files/" + id)
                        .header("Authorization", "Bearer " + bob.accessToken())
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        var thumb = cluster.api(1).get("/files/" + id + "/thumbnail", bob.accessToken());
        assertThat(thumb.status()).isEqualTo(200);

        // Replayed by sync on the other instance, with its file.
        try (var late = LiveClient.json(cluster.instance(1), bob.accessToken())) {
            late.request("sync", Map.of("rooms", Map.of(Long.toString(room), 0)));
            JsonNode replayed =
                    late.event("new-message", m -> m.path("seq").asLong() == 1).path("data");
            assertThat(replayed.path("files").path(0).path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aRetriedSendOnAnotherInstanceMakesOneMessage() {
        Session alice = cluster.api(0).register(person("carol"));
        long room = cluster.api(0).createRoom(alice, ApiClient.fresh("docs"), false);
        String id = FileFixtures.uploaded(cluster.api(0), alice, "spec.txt", "the spec".getBytes());
        var first = FileFixtures.send(cluster.api(0), alice, room, "spec", "c-spec", id);
        var retried = FileFixtures.send(cluster.api(1), alice, room, "spec", "c-spec", id);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("id").asLong())
                .isEqualTo(first.json().path("id").asLong());
        assertThat(retried.json().path("files").path(0).path("id").asText()).isEqualTo(id);
        var served = cluster.api(1).get("/files/" + id, alice.accessToken());
        assertThat(served.body()).isEqualTo("the spec");
    }
}
