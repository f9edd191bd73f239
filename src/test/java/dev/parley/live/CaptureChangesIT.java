package dev.parley.live;

import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureChangesIT extends OneServer {
    @Test
    void capture() throws Exception {
        var pair = LiveFixtures.pairInRoom(api, "ann", "bob");
        long room = pair.room();
        try (var a = LiveClient.json(server, pair.a().accessToken());
                var b = LiveClient.json(server, pair.b().accessToken())) {
            b.ready();
            long id = a.request("send-message", Map.of("roomId", room, "content", "helo", "clientId", "c-1")).path("data").path("id").asLong();
            a.send("{\"event\":\"edit-message\",\"ack\":8,\"data\":{\"roomId\":" + room + ",\"messageId\":" + id + ",\"content\":\"hello *all*\",\"clientId\":\"e-1\"}}");
            LiveClient.pause(500);
            b.send("{\"event\":\"add-reaction\",\"ack\":3,\"data\":{\"roomId\":" + room + ",\"messageId\":" + id + ",\"emoji\":\"👍\"}}");
            LiveClient.pause(500);
            b.send("{\"event\":\"remove-reaction\",\"ack\":4,\"data\":{\"roomId\":" + room + ",\"messageId\":" + id + ",\"emoji\":\"👍\"}}");
            LiveClient.pause(500);
            b.send("{\"event\":\"send-message\",\"ack\":5,\"data\":{\"roomId\":" + room + ",\"content\":\"what?\",\"clientId\":\"r-1\",\"replyTo\":" + id + "}}");
            LiveClient.pause(500);
            a.send("{\"event\":\"delete-message\",\"ack\":9,\"data\":{\"roomId\":" + room + ",\"messageId\":" + id + "}}");
            LiveClient.pause(800);
            StringBuilder out = new StringBuilder("=== ANN\n");
            a.texts().forEach(t -> out.append(t).append('\n'));
            out.append("=== BOB\n");
            b.texts().forEach(t -> out.append(t).append('\n'));
            out.append("=== HISTORY\n").append(api.history(pair.b(), room, "").toPrettyString());
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/capture/frames.txt"), out);
        }
    }
}
