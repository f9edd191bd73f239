package dev.parley.live;

import static dev.parley.web.Person.ALICE;
import static dev.parley.web.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestServer;
import dev.parley.web.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSmokeIT {

    @Test
    void aMessageReachesTheOtherMemberWithAnAck() {
        try (var server = TestServer.start()) {
            var api = new ApiClient(server);
            var alice = api.register(ALICE);
            var bob = api.register(BOB);
            long room = api.createRoom(alice, "general", false);
            api.join(bob, room);
            try (var a = LiveClient.json(server, alice.accessToken()); var b = LiveClient.json(server, bob.accessToken())) {
                a.event("online-users");
                b.event("online-users");
                var ack = a.request("send-message", Map.of("roomId", room, "content", "hi bob", "clientId", "c-1"));
                System.out.println(ack);
                assertThat(ack.path("success").asBoolean()).isTrue();
                var got = b.event("new-message");
                System.out.println(got);
                System.out.println(b.texts());
                assertThat(got.path("data").path("content").asText()).isEqualTo("hi bob");
            }
        }
    }
}
