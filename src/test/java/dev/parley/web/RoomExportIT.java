package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.render.Json;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A room's history as a download: JSON and a readable HTML file, for those who may read the room. */
class RoomExportIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMemberDownloadsEveryMessageOfTheRoomAsJsonAndAsAStandaloneHtmlFile() throws Exception {
        var person = LiveFixtures.person("exporter");
        var alice = new WebClient(server).signUp(person);
        long room = alice.createRoom("exported-" + System.nanoTime(), true);
        var api = new ApiClient(server);
        var session = api.login(person);
        for (int i = 1; i <= 230; i++) {
            api.say(session, room, i == 7 ? "<script>alert(1)</script> **bold** seven" : "message " + i);
        }

        Reply json = alice.get("/export/rooms/" + room + ".json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Disposition").orElseThrow())
                .contains("attachment", "parley-room-" + room + ".json");
        var body = Json.MAPPER.readTree(json.body());
        assertThat(body.path("messages").size()).as("past one page of history").isEqualTo(230);
        assertThat(body.path("messages").get(229).path("content").asText()).isEqualTo("message 230");
        assertThat(body.path("messages").get(0).path("seq").asLong()).isEqualTo(1);

        Reply html = alice.get("/export/rooms/" + room + ".html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body())
                .contains("message 1<", "message 230", "&lt;script&gt;alert(1)", "230 messages")
                .doesNotContain("<script>alert");

        assertThat(alice.get("/rooms/" + room).body()).contains("/export/rooms/" + room + ".html");
    }

    @Test
    void nobodyElseGetsAPrivateRoomsHistoryAndANonsensePathIsNotFound() {
        var owner = new WebClient(server).signUp(LiveFixtures.person("export-owner"));
        long room = owner.createRoom("secret-" + System.nanoTime(), true);
        var stranger = new WebClient(server).signUp(LiveFixtures.person("export-stranger"));
        assertThat(stranger.get("/export/rooms/" + room + ".json").status()).isEqualTo(404);
        assertThat(stranger.get("/export/rooms/" + room + ".html").status()).isEqualTo(404);
        assertThat(owner.get("/export/rooms/" + room + ".pdf").status()).isEqualTo(404);
        assertThat(owner.get("/export/rooms/x.json").status()).isEqualTo(404);
        Reply anonymous = new WebClient(server).get("/export/rooms/" + room + ".json");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).startsWith("/login");
    }
}
