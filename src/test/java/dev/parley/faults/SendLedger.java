package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * Every send a fault test makes, what it was answered, and what must hold after any fault: no
 * acknowledged message lost, no send refused while stored (an unknown outcome is answered
 * {@code retry}, and the retry with the same clientId returns the original), nothing stored twice,
 * and everything stored delivered live.
 */
final class SendLedger {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, String> contents = new ConcurrentHashMap<>();
    /** clientId → the message the server confirmed (first confirmation). */
    private final Map<String, JsonNode> confirmed = new ConcurrentHashMap<>();

    private final Set<String> toRetry = ConcurrentHashMap.newKeySet();
    private final List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger retryAnswers = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    SendLedger(String prefix) {
        this.prefix = prefix;
    }

    /** Sends a new message over the socket; the future completes when it was answered. */
    CompletableFuture<JsonNode> send(LiveClient sender, long room) {
        String clientId = prefix + "-" + next.incrementAndGet();
        contents.put(clientId, "message " + clientId);
        return sendAgain(sender, room, clientId);
    }

    private CompletableFuture<JsonNode> sendAgain(LiveClient sender, long room, String clientId) {
        return sender.requestAsync(
                        "send-message", Map.of("roomId", room, "content", contents.get(clientId), "clientId", clientId))
                .orTimeout(60, TimeUnit.SECONDS)
                .whenComplete((ack, failure) -> {
                    if (failure != null) {
                        wrongAnswers.add(clientId + ": no answer (" + failure + ")");
                    } else if (ack.path("success").asBoolean()) {
                        confirm(clientId, ack.path("data"));
                    } else {
                        unconfirmed(clientId, ack.path("error").path("code").asText(), ack.toString());
                    }
                });
    }

    /** Sends a new message over HTTP and records the answer. */
    Reply post(ApiClient api, ApiClient.Session author, long room) {
        String clientId = prefix + "-" + next.incrementAndGet();
        contents.put(clientId, "message " + clientId);
        return postAgain(api, author, room, clientId);
    }

    /** {@link #post} on another thread, so that a send stuck behind a fault does not hold the test up. */
    CompletableFuture<Reply> postAsync(ApiClient api, ApiClient.Session author, long room) {
        return CompletableFuture.supplyAsync(() -> post(api, author, room));
    }

    private Reply postAgain(ApiClient api, ApiClient.Session author, long room, String clientId) {
        // Longer than the client's usual 10 s: during a fault a send may wait for a lock, then a connection.
        var request = api.request("/api/rooms/" + room + "/messages")
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + author.accessToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        dev.parley.render.Json.write(Map.of("content", contents.get(clientId), "clientId", clientId))));
        Reply reply = ApiClient.send(request);
        if (reply.status() == 201 || reply.status() == 200) {
            confirm(clientId, reply.json());
        } else {
            unconfirmed(clientId, reply.errorCode(), reply.status() + " " + reply.body());
        }
        return reply;
    }

    private void confirm(String clientId, JsonNode message) {
        assertThat(message.path("clientId").asText()).isEqualTo(clientId);
        JsonNode first = confirmed.putIfAbsent(clientId, message);
        if (first != null && first.path("seq").asLong() != message.path("seq").asLong()) {
            wrongAnswers.add(clientId + ": confirmed twice as different messages: " + first + " and " + message);
        }
        toRetry.remove(clientId);
    }

    private void unconfirmed(String clientId, String code, String answer) {
        if (code.equals("retry")) {
            retryAnswers.incrementAndGet();
            toRetry.add(clientId);
        } else if (code.equals("unavailable")) {
            // Refused before anything was written (the session could not be checked): the final
            // check fails if it was stored all the same.
            refused.incrementAndGet();
        } else {
            wrongAnswers.add(clientId + ": " + answer);
        }
    }

    /** How many sends were answered {@code retry} (the fault took effect when this is above zero). */
    int retryAnswers() {
        return retryAnswers.get();
    }

    int confirmedCount() {
        return confirmed.size();
    }

    /** Sends every message answered {@code retry} again, with its clientId, until each is confirmed. */
    void retryAll(LiveClient sender, long room) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String clientId : List.copyOf(toRetry))
                        sendAgain(sender, room, clientId).join();
                    return toRetry.isEmpty();
                });
    }

    /** The room's whole history, oldest first, read page by page. */
    private static List<JsonNode> everything(ApiClient api, ApiClient.Session viewer, long room) {
        var all = new ArrayList<JsonNode>();
        String query = "?limit=200";
        while (true) {
            var page = new ArrayList<JsonNode>();
            api.history(viewer, room, query).forEach(page::add);
            all.addAll(0, page);
            if (page.size() < 200) return all;
            query = "?limit=200&before=" + page.get(0).path("seq").asLong();
        }
    }

    /** The checks every fault must pass, once the fault is over and retries are done. */
    void assertNothingLostOrDoubled(ApiClient api, ApiClient.Session viewer, long room, List<LiveClient> receivers) {
        assertThat(wrongAnswers)
                .as("sends answered neither with their message nor with retry")
                .isEmpty();
        assertThat(toRetry).as("sends still unconfirmed").isEmpty();
        var stored = new HashMap<String, Long>();
        var seqs = new ArrayList<Long>();
        for (JsonNode m : everything(api, viewer, room)) {
            seqs.add(m.path("seq").asLong());
            assertThat(stored.put(m.path("clientId").asText(), m.path("seq").asLong()))
                    .as("stored twice: %s", m)
                    .isNull();
        }
        long last = seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
        assertThat(seqs)
                .as("seqs without gaps")
                .isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
        // Stored exactly what was confirmed: nothing acknowledged is missing, nothing stored went unanswered.
        assertThat(stored.keySet()).isEqualTo(confirmed.keySet());
        confirmed.forEach((clientId, message) -> assertThat(stored.get(clientId))
                .as(clientId)
                .isEqualTo(message.path("seq").asLong()));
        for (LiveClient receiver : receivers) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(receiver.seqs(room))
                            .as("what a live receiver got")
                            .isEqualTo(seqs));
        }
    }
}
