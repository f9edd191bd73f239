package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadMarksIT {

    private TestServer server;
    private ApiClient api;
    private ApiClient.Session alice;
    private ApiClient.Session bob;
    private long general;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
        general = api.createRoom(alice, "general", false);
        api.join(bob, general);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void othersMessagesAreUnreadUntilMarkedAndMyOwnNeverAre() {
        api.say(alice, general, "mine");
        api.say(bob, general, "one");
        api.say(bob, general, "two");
        assertThat(unread(alice)).isEqualTo(2);

        Reply r = api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", 2));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("seq").asLong()).isEqualTo(2);
        assertThat(unread(alice)).isEqualTo(1);
    }

    @Test
    void aWatermarkIsClampedToTheNewestMessageAndNeverMovesBack() {
        api.say(bob, general, "one");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", 99))
                        .json()
                        .path("seq")
                        .asLong())
                .isEqualTo(1);
        api.say(bob, general, "two");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", 0))
                        .json()
                        .path("seq")
                        .asLong())
                .isEqualTo(1);
        assertThat(unread(alice)).isEqualTo(1);
    }

    @Test
    void opensTheRoomPageMarksItRead() {
        api.say(bob, general, "one");
        var browser = new WebClient(server).logIn(ALICE);
        assertThat(browser.get("/rooms/" + general).status()).isEqualTo(200);
        assertThat(unread(alice)).isZero();
    }

    @Test
    void onlyMembersMarkReadAndTheSeqMustBeAWholeNumber() {
        var carol = api.register(CAROL);
        assertThat(api.post("/api/rooms/" + general + "/read", carol.accessToken(), Map.of("seq", 1))
                        .errorCode())
                .isEqualTo("not_member");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", "1"))
                        .errorCode())
                .isEqualTo("invalid_payload");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", 1.5))
                        .errorCode())
                .isEqualTo("invalid_payload");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of("seq", -1))
                        .errorCode())
                .isEqualTo("invalid_payload");
        assertThat(api.post("/api/rooms/" + general + "/read", alice.accessToken(), Map.of())
                        .errorCode())
                .isEqualTo("invalid_payload");
    }

    private long unread(ApiClient.Session who) {
        for (JsonNode room : api.get("/api/rooms", who.accessToken()).json()) {
            if (room.path("id").asLong() == general) return room.path("unread").asLong();
        }
        throw new AssertionError("room not listed");
    }
}
