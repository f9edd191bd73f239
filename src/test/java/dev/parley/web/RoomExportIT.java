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
        // The first account is an admin: taken here, so that nobody a test signs up is one unless it says so.
        new WebClient(server).signUp(LiveFixtures.person("export-first"));
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
    void anAdminExportsEveryRoomPrivateOnesIncludedAndTheAuditLogSaysSo() throws Exception {
        var owner = new WebClient(server).signUp(LiveFixtures.person("export-private"));
        String name = "private-" + System.nanoTime();
        long room = owner.createRoom(name, true);
        owner.post("/rooms/" + room + "/messages", java.util.Map.of("content", "for the export", "clientId", "e-1"));
        var adminPerson = LiveFixtures.person("export-admin");
        new WebClient(server).signUp(adminPerson);
        server.parley.accounts.makeAdmin(adminPerson.username());
        var admin = new WebClient(server).logIn(adminPerson);

        Reply all = admin.get("/export/all.json");
        assertThat(all.status()).isEqualTo(200);
        var rooms = Json.MAPPER.readTree(all.body()).path("rooms");
        var exported = java.util.stream.StreamSupport.stream(rooms.spliterator(), false)
                .filter(r -> r.path("room").path("id").asLong() == room)
                .findFirst()
                .orElseThrow();
        assertThat(exported.path("room").path("name").asText()).isEqualTo(name);
        assertThat(exported.path("members").get(0).path("username").asText()).startsWith("export-private");
        assertThat(exported.path("messages").get(0).path("content").asText()).isEqualTo("for the export");
        var audit = new ApiClient(server)
                .get(
                        "/api/admin/audit",
                        new ApiClient(server).login(adminPerson).accessToken());
        assertThat(audit.json().get(0).path("action").asText()).isEqualTo("export everything");

        assertThat(owner.get("/export/all.json").status()).isEqualTo(403);
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
