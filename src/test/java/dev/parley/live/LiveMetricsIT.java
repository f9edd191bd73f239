package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertFailed;
import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A running server's metrics move as the matching thing happens on its sockets. */
class LiveMetricsIT extends OneServer {

    @Test
    void aSocketClosedAndOpenedAgainCountsAsClosedByCodeAndAsAReconnection() {
        var who = api.register(LiveFixtures.person("reconnecting"));
        double reconnections = metric(server, "parley_ws_reconnections_total");
        double closedNormally = closed("1000");
        double opened = metric(server, "parley_ws_connections_opened_total", "format=\"json\"");

        var first = LiveClient.json(server, who.accessToken()).ready();
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> closed("1000") == closedNormally + 1);
        try (var again = LiveClient.json(server, who.accessToken()).ready()) {
            assertThat(metric(server, "parley_ws_reconnections_total")).isEqualTo(reconnections + 1);
            assertThat(metric(server, "parley_ws_connections_opened_total", "format=\"json\""))
                    .isEqualTo(opened + 2);
            assertThat(metric(server, "parley_ws_connections_open", "format=\"json\""))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static double closed(String code) {
        try {
            return metric(server, "parley_ws_connections_closed_total", "code=\"" + code + "\"", "format=\"json\"");
        } catch (AssertionError none) {
            return 0;
        }
    }

    @Test
    void framesCountByEventAndErrorsByEventAndCode() {
        var pair = LiveFixtures.pairInRoom(api, "counted", "other");
        var outsider = api.register(LiveFixtures.person("outsider"));
        double sends = metric(server, "parley_ws_frames_received_by_event_total", "event=\"send-message\"");
        try (var c = LiveClient.json(server, outsider.accessToken()).ready()) {
            assertFailed(
                    c.request("send-message", Map.of("roomId", pair.room(), "content", "hi", "clientId", "x-1")),
                    "not_member");
            assertThat(metric(server, "parley_ws_frames_received_by_event_total", "event=\"send-message\""))
                    .isEqualTo(sends + 1);
            assertThat(metric(server, "parley_ws_errors_total", "code=\"not_member\"", "event=\"send-message\""))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aMessageIsStoredPublishedDeliveredAndTimedAndASyncCountsWhatItReplayed() {
        var pair = LiveFixtures.pairInRoom(api, "timed", "listener");
        double latencies = metric(server, "parley_delivery_latency_seconds_count");
        double deliveries = metric(server, "parley_ws_deliveries_total");
        double published = metric(server, "parley_bus_events_published_total");
        double received = metric(server, "parley_bus_events_received_total");
        double batches = metric(server, "parley_db_group_commit_size_count");
        double stored = metric(server, "parley_messages_stored_total");
        double syncs = metric(server, "parley_ws_syncs_total");
        double replayed = metric(server, "parley_ws_sync_replayed_total");
        try (var listener = LiveClient.json(server, pair.b().accessToken()).ready()) {
            assertOk(listener.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
            api.say(pair.a(), pair.room(), "one");
            api.say(pair.a(), pair.room(), "two");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> listener.seqs(pair.room()).size() == 2);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> metric(server, "parley_delivery_latency_seconds_count") >= latencies + 2);
            assertThat(metric(server, "parley_ws_deliveries_total")).isGreaterThanOrEqualTo(deliveries + 2);
            assertThat(metric(server, "parley_bus_events_published_total")).isGreaterThanOrEqualTo(published + 2);
            assertThat(metric(server, "parley_bus_events_received_total")).isGreaterThanOrEqualTo(received + 2);
            assertThat(metric(server, "parley_db_group_commit_size_count")).isGreaterThanOrEqualTo(batches + 1);
            assertThat(metric(server, "parley_messages_stored_total")).isEqualTo(stored + 2);
        }
        try (var back = LiveClient.json(server, pair.b().accessToken()).ready()) {
            var synced = assertOk(back.request("sync", Map.of("rooms", Map.of(String.valueOf(pair.room()), 0))));
            assertThat(synced.path("replayed").asInt()).isEqualTo(2);
            assertThat(metric(server, "parley_ws_syncs_total"))
                    .isEqualTo(syncs + 4); // two ready()s, which sync no rooms, and two syncs of the room
            assertThat(metric(server, "parley_ws_sync_replayed_total")).isEqualTo(replayed + 2);
        }
    }
}
