package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Bots: accounts without passwords that programs drive with long-lived API tokens, over HTTP and the socket. */
class BotsIT extends OneServer {

    private record Setup(
            Session admin,
            Person memberPerson,
            Session member,
            String botName,
            long botId,
            JsonNode token,
            long room) {}

    private static Setup setup() {
        Session admin = api.register(person("boss"));
        server.parley.accounts.makeAdmin(admin.username());
        Person memberPerson = person("member");
        Session member = api.register(memberPerson);
        String botName = "deploybot" + ThreadLocalRandom.current().nextInt(1_000_000);
        Reply bot = api.post("/api/admin/bots", admin.accessToken(), Map.of("username", botName));
        assertThat(bot.status()).as("%s", bot).isEqualTo(201);
        assertThat(bot.json().path("bot").asBoolean()).isTrue();
        Reply token = api.post("/api/admin/bots/" + botName + "/tokens", admin.accessToken(), Map.of("label", "CI"));
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        long room = api.createRoom(admin, ApiClient.fresh("deploys"), false);
        api.join(member, room);
        return new Setup(
                admin, memberPerson, member, botName, bot.json().path("id").asLong(), token.json(), room);
    }

    private static String secret(Setup s) {
        return s.token().path("token").asText();
    }

    @Test
    void aBotUsesTheJsonApiWithItsTokenAndIsShownAsABot() {
        Setup s = setup();
        assertThat(secret(s)).startsWith("pbt_");

        JsonNode me = api.get("/api/me", secret(s)).json();
        assertThat(me.path("username").asText()).isEqualTo(s.botName());
        assertThat(me.path("bot").asBoolean()).isTrue();
        assertThat(api.post("/api/rooms/" + s.room() + "/join", secret(s), Map.of())
                        .status())
                .isEqualTo(200);
        api.say(new Session(s.botId(), s.botName(), secret(s), null), s.room(), "Deployed 4.2");

        var page = new WebClient(server).logIn(s.memberPerson());
        var shown = page.get("/rooms/" + s.room()).html().select(".message").last();
        assertThat(shown.select(".author").text()).isEqualTo(s.botName());
        assertThat(shown.select(".bot-mark").text()).isEqualTo("bot");
    }

    @Test
    void aBotSpeaksOverTheSocketWithItsToken() {
        Setup s = setup();
        api.post("/api/rooms/" + s.room() + "/join", secret(s), Map.of());
        try (var bot = LiveClient.json(server, secret(s)).ready();
                var member = LiveClient.json(server, s.member().accessToken()).ready();
                var viaQuery = LiveClient.connect(
                                URI.create(server.uri("/ws") + "?format=json&access_token=" + secret(s)),
                                Map.of(),
                                null)
                        .ready()) {
            JsonNode ack = assertOk(bot.request(
                    "send-message", Map.of("roomId", s.room(), "content", "build 981 is green", "clientId", "b-981")));

            assertThat(ack.path("user").path("username").asText()).isEqualTo(s.botName());
            JsonNode arrived = member.event(
                            "new-message", m -> m.path("content").asText().equals("build 981 is green"))
                    .path("data");
            assertThat(arrived.path("user").path("id").asLong()).isEqualTo(s.botId());
            viaQuery.event("new-message", m -> m.path("content").asText().equals("build 981 is green"));
        }
    }

    @Test
    void aBotHasNoPasswordNoRefreshAndNoPages() {
        Setup s = setup();

        assertThat(api.post("/api/auth/login", null, Map.of("username", s.botName(), "password", "anything-at-all"))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/logout", secret(s), Map.of()).status()).isEqualTo(403);
        assertThat(api.post(
                                "/api/me/password",
                                secret(s),
                                Map.of("currentPassword", "x", "newPassword", "long-enough-1"))
                        .status())
                .isEqualTo(403);
        Reply page = ApiClient.send(
                api.request("/").header("Authorization", "Bearer " + secret(s)).GET());
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().text()).contains("Bot tokens work with the JSON API and the socket, not with pages.");
        assertThat(api.post("/api/admin/password-resets", s.admin().accessToken(), Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(new WebClient(server)
                        .logIn(s.memberPerson())
                        .post("/admin/password-resets", Map.of("username", s.botName()))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRevokedTokenClosesItsSocketsAndStopsWorkingAndItsLastUseIsListed() {
        Setup s = setup();
        long tokenId = s.token().path("id").asLong();
        try (var bot = LiveClient.json(server, secret(s)).ready()) {
            JsonNode listed =
                    api.get("/api/admin/bot-tokens", s.admin().accessToken()).json();
            JsonNode mine = null;
            for (JsonNode t : listed) if (t.path("id").asLong() == tokenId) mine = t;
            assertThat(mine).isNotNull();
            assertThat(mine.path("label").asText()).isEqualTo("CI");
            assertThat(mine.path("lastUsedAt").asText())
                    .as("the socket used it")
                    .isNotBlank();
            assertThat(mine.has("token")).as("shown once").isFalse();

            assertThat(api.post(
                                    "/api/admin/bot-tokens/" + tokenId + "/revoke",
                                    s.admin().accessToken(),
                                    Map.of())
                            .status())
                    .isEqualTo(204);

            assertThat(bot.closeCode()).isEqualTo(1008);
            assertThat(api.get("/api/me", secret(s)).status()).isEqualTo(401);
            assertThat(api.get("/api/me", "pbt_" + "x".repeat(32)).status())
                    .as("a forged token")
                    .isEqualTo(401);
        }
        JsonNode audit = api.get("/api/admin/audit", s.admin().accessToken()).json();
        assertThat(audit.findValuesAsText("action")).contains("bot.create", "bot.token.create", "bot.token.revoke");
    }

    @Test
    void deactivatingABotEndsItsTokensSockets() {
        Setup s = setup();
        try (var bot = LiveClient.json(server, secret(s)).ready()) {
            assertThat(api.post(
                                    "/api/admin/users/" + s.botName() + "/deactivate",
                                    s.admin().accessToken(),
                                    Map.of())
                            .status())
                    .isEqualTo(200);
            assertThat(bot.closeCode()).isEqualTo(1008);
            assertThat(api.get("/api/me", secret(s)).status()).isEqualTo(401);
        }
    }

    @Test
    void onlyAdminsMakeBotsAndTokensAreOnlyForBots() {
        Setup s = setup();
        assertThat(api.post("/api/admin/bots", s.member().accessToken(), Map.of("username", "sneakybot"))
                        .status())
                .isEqualTo(403);
        Reply forAPerson = api.post(
                "/api/admin/bots/" + s.member().username() + "/tokens",
                s.admin().accessToken(),
                Map.of());
        assertThat(forAPerson.status()).isEqualTo(403);
        assertThat(forAPerson.json().path("error").path("message").asText()).contains("is a person, not a bot");
        assertThat(api.post("/api/admin/bots", s.admin().accessToken(), Map.of("username", s.botName()))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/admin/bots/" + s.botName() + "/promote",
                                s.admin().accessToken(),
                                Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/admin/users/" + s.botName() + "/promote",
                                s.admin().accessToken(),
                                Map.of())
                        .status())
                .isEqualTo(403);
    }
}
