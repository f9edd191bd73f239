package dev.parley.web;

import static dev.parley.testing.FileFixtures.send;
import static dev.parley.testing.FileFixtures.uploaded;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.FileFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A file in a private room is 404 to everyone outside it, over every route, as the room itself is. */
class FilesAccessIT {

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.Session alice;
    private static ApiClient.Session bob;
    private static ApiClient.Session carol;
    private static long secret;
    private static String image;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
        carol = api.register(CAROL);
        secret = api.createRoom(alice, "secret", true);
        api.addMember(alice, secret, BOB);
        image = uploaded(api, alice, "plan.png", FileFixtures.png(64, 48));
        assertThat(send(api, alice, secret, "the plan", null, image).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> routes(String id) {
        return List.of("/files/" + id, "/files/" + id + "/thumbnail", "/api/files/" + id);
    }

    @Test
    void membersReadEveryRoute() {
        for (String path : routes(image)) {
            assertThat(api.get(path, bob.accessToken()).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anOutsiderGets404OnEveryRouteExactlyAsForAFileThatNeverWas() {
        for (String path : routes(image)) {
            Reply r = api.get(path, carol.accessToken());
            Reply never = api.get(path.replace(image, "AAAAAAAAAAAAAAAAAAAAAA"), carol.accessToken());
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).isEqualTo(never.body());
            assertThat(r.header("ETag")).as(path).isEmpty();
        }
        var ranged = ApiClient.send(api.request("/files/" + image)
                .header("Authorization", "Bearer " + carol.accessToken())
                .header("Range", "bytes=0-10"));
        assertThat(ranged.status()).isEqualTo(404);
        var head = ApiClient.send(api.request("/files/" + image)
                .header("Authorization", "Bearer " + carol.accessToken())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(404);
    }

    @Test
    void anOutsiderBrowserGets404Too() {
        var browser = new WebClient(server).logIn(CAROL);
        for (String path : routes(image)) {
            assertThat(browser.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void nobodySignedInGetsAnything() {
        for (String path : routes(image)) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void anOutsiderCannotAttachSomeoneElsesFileToReadIt() {
        long open = api.createRoom(carol, ApiClient.fresh("open"), false);
        Reply r = send(api, carol, open, "mine now", null, image);
        assertThat(r.status()).isEqualTo(400);
        assertThat(api.get("/files/" + image, carol.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anUploadNotYetSentIsOnlyItsUploaders() {
        String draft = uploaded(api, alice, "draft.txt", "not yet".getBytes());
        assertThat(api.get("/files/" + draft, alice.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/files/" + draft, bob.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/files/" + draft, bob.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void leavingTheRoomEndsAccessToItsFiles() {
        var dave = api.register(dev.parley.testing.Person.DAVE);
        long room = api.createRoom(alice, ApiClient.fresh("brief"), true);
        api.addMember(alice, room, dev.parley.testing.Person.DAVE);
        String id = uploaded(api, alice, "brief.txt", "for dave".getBytes());
        send(api, alice, room, "read this", null, id);
        assertThat(api.get("/files/" + id, dave.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/rooms/" + room + "/leave", dave.accessToken(), java.util.Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/files/" + id, dave.accessToken()).status()).isEqualTo(404);
    }
}
