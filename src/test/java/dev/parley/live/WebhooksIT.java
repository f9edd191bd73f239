package dev.parley.live;

import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Reply;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Incoming webhooks: {@code POST /hooks/{token}} posts into one room as a bot, live, like any message. */
class WebhooksIT extends OneServer {

    private record Hook(Session admin, Session member, String botName, long room, JsonNode made) {
        String path() {
            return "/hooks/" + made.path("token").asText();
        }
    }

    private static Hook hook() {
        Session admin = api.register(person("boss"));
        server.parley.accounts.makeAdmin(admin.username());
        Session member = api.register(person("member"));
        String botName = "monitor" + ThreadLocalRandom.current().nextInt(1_000_000);
        assertThat(api.post("/api/admin/bots", admin.accessToken(), Map.of("username", botName))
                        .status())
                .isEqualTo(201);
        long room = api.createRoom(admin, ApiClient.fresh("alerts"), false);
        api.join(member, room);
        Reply made = api.post("/api/admin/webhooks", admin.accessToken(), Map.of("roomId", room, "bot", botName));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        return new Hook(admin, member, botName, room, made.json());
    }

    @Test
    void aWebhookPostsIntoItsRoomAsItsBotAndMembersSeeItLive() {
        Hook h = hook();
        assertThat(h.made().path("url").asText()).isEqualTo(server.base + h.path());
        try (var member = LiveClient.json(server, h.member().accessToken()).ready()) {
            Reply posted = api.post(
                    h.path(),
                    null,
                    Map.of("text", "disk 91% full on db-2", "username", "ignored", "icon_emoji", ":fire:"));

            assertThat(posted.status()).as("%s", posted).isEqualTo(200);
            JsonNode live = member.event(
                            "new-message", m -> m.path("content").asText().equals("disk 91% full on db-2"))
                    .path("data");
            assertThat(live.path("user").path("username").asText()).isEqualTo(h.botName());
            assertThat(live.path("roomId").asLong()).isEqualTo(h.room());
        }
        JsonNode history = api.history(h.member(), h.room(), "");
        assertThat(history.get(history.size() - 1).path("content").asText()).isEqualTo("disk 91% full on db-2");
    }

    @Test
    void unknownAndRevokedTokensAreNotFound() {
        Hook h = hook();
        assertThat(api.post("/hooks/whk_" + "A".repeat(32), null, Map.of("text", "hi"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/hooks/nonsense", null, Map.of("text", "hi")).status())
                .isEqualTo(404);

        assertThat(api.post(
                                "/api/admin/webhooks/" + h.made().path("id").asLong() + "/revoke",
                                h.admin().accessToken(),
                                Map.of())
                        .status())
                .isEqualTo(204);

        Reply revoked = api.post(h.path(), null, Map.of("text", "still there?"));
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.errorCode()).isEqualTo("not_found");
        assertThat(api.postRaw(h.path(), null, "not json").status())
                .as("checked before the body")
                .isEqualTo(404);
        assertThat(api.history(h.member(), h.room(), "").findValuesAsText("content"))
                .doesNotContain("still there?");
    }

    @Test
    void badPayloadsGetClearErrorsAndPostNothing() {
        Hook h = hook();

        Reply notJson = api.postRaw(h.path(), null, "text=hello");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("invalid_payload");
        Reply noText = api.post(h.path(), null, Map.of("content", "hello"));
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.json().path("error").path("field").asText()).isEqualTo("text");
        assertThat(api.post(h.path(), null, Map.of("text", "")).status()).isEqualTo(400);
        assertThat(api.post(h.path(), null, Map.of("text", "x".repeat(4_001))).errorCode())
                .isEqualTo("too_large");
        assertThat(api.postRaw(h.path(), null, "{\"text\":\"" + "y".repeat(70_000) + "\"}")
                        .status())
                .isEqualTo(413);

        assertThat(api.history(h.member(), h.room(), "")).isEmpty();
    }

    @Test
    void aFloodingWebhookIsRateLimited() {
        Hook h = hook();
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            int status = api.post(h.path(), null, Map.of("text", "alert " + i)).status();
            if (status == 200) ok++;
            if (status == 429) limited++;
        }
        assertThat(ok).as("the burst, and perhaps a refill or two").isBetween(20, 25);
        assertThat(limited).isEqualTo(30 - ok);
    }

    @Test
    void aDeactivatedBotsWebhookIsNotFound() {
        Hook h = hook();
        api.post("/api/admin/users/" + h.botName() + "/deactivate", h.admin().accessToken(), Map.of());

        assertThat(api.post(h.path(), null, Map.of("text", "hello?")).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsMakeWebhooksAndOnlyForBots() {
        Hook h = hook();
        assertThat(api.post(
                                "/api/admin/webhooks",
                                h.member().accessToken(),
                                Map.of("roomId", h.room(), "bot", h.botName()))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/admin/webhooks",
                                h.admin().accessToken(),
                                Map.of("roomId", h.room(), "bot", h.member().username()))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/admin/webhooks",
                                h.admin().accessToken(),
                                Map.of("roomId", 999_999, "bot", h.botName()))
                        .status())
                .isEqualTo(404);
        JsonNode listed =
                api.get("/api/admin/webhooks", h.admin().accessToken()).json();
        assertThat(listed.findValuesAsText("token")).isEmpty();
    }
}
