package dev.parley.live;

import static dev.parley.testing.LiveFixtures.assertOk;
import static dev.parley.testing.LiveFixtures.cookieHeader;
import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveClient;
import dev.parley.testing.Person;
import dev.parley.testing.WebClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ending a session ends its sockets at once (1008), and only its own. */
class SessionsLiveIT extends OneServerOnAClock {

    @Test
    void loggingOutClosesEverySocketOfThatSessionButNotTheUsersOtherSessions() {
        Person ann = person("ann");
        var bot = api.register(ann);
        var phone = api.login(ann);
        long room = api.createRoom(bot, ApiClient.fresh("room"), false);
        try (var botSocket1 = LiveClient.json(server, bot.accessToken());
                var botSocket2 = LiveClient.json(server, bot.accessToken());
                var phoneSocket = LiveClient.json(server, phone.accessToken())) {
            phoneSocket.ready();
            assertThat(api.post("/api/auth/logout", bot.accessToken(), Map.of()).status())
                    .isEqualTo(204);

            assertThat(botSocket1.closeCode()).isEqualTo(1008);
            assertThat(botSocket2.closeCode()).isEqualTo(1008);
            assertOk(phoneSocket.request(
                    "send-message", Map.of("roomId", room, "content", "the phone is still signed in")));
            assertThat(phoneSocket.closed()).isNotDone();
        }
    }

    @Test
    void loggingOutOfThePageClosesThePagesSocket() {
        var browser = new WebClient(server).signUp(person("ann"));
        Person bobPerson = person("bob");
        var bob = api.register(bobPerson);
        try (var page = LiveClient.page(server, cookieHeader(browser), "");
                var bobSocket = LiveClient.json(server, bob.accessToken())) {
            assertThat(browser.post("/logout", Map.of()).status()).isEqualTo(302);
            assertThat(page.closeCode()).isEqualTo(1008);
            assertOk(bobSocket.request("update-presence", Map.of("status", "online")));
        }
    }

    @Test
    void changingThePasswordClosesTheOtherSessionsSocketsAndKeepsThisOnes() {
        Person ann = person("ann");
        var bot = api.register(ann);
        var other = api.login(ann);
        var browser = new WebClient(server).logIn(ann);
        long room = api.createRoom(bot, ApiClient.fresh("room"), false);
        try (var botSocket = LiveClient.json(server, bot.accessToken());
                var otherSocket = LiveClient.json(server, other.accessToken());
                var page = LiveClient.page(server, cookieHeader(browser), "")) {
            botSocket.ready();
            var changed = api.post(
                    "/api/me/password",
                    bot.accessToken(),
                    Map.of("currentPassword", ann.password(), "newPassword", "a-brand-new-secret"));
            assertThat(changed.status()).isEqualTo(204);

            assertThat(otherSocket.closeCode()).isEqualTo(1008);
            assertThat(page.closeCode()).isEqualTo(1008);
            assertOk(botSocket.request("send-message", Map.of("roomId", room, "content", "this device stays")));
            assertThat(botSocket.closed()).isNotDone();
        }
    }

    @Test
    void aReplayedRefreshTokenRevokesItsSessionAndClosesItsSockets() {
        Person ann = person("ann");
        var stolen = api.register(ann);
        var laptop = api.login(ann);
        var rotated =
                ApiClient.Session.of(api.post("/api/auth/refresh", null, Map.of("refreshToken", stolen.refreshToken()))
                        .json());
        try (var thief = LiveClient.json(server, rotated.accessToken());
                var laptopSocket = LiveClient.json(server, laptop.accessToken())) {
            laptopSocket.ready();
            thief.ready();
            // Past the grace for racing tabs: only a thief holds a token spent this long ago.
            clock.advance(Duration.ofSeconds(30));
            assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", stolen.refreshToken()))
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/me", rotated.accessToken()).status())
                    .as("the session is revoked")
                    .isEqualTo(401);

            assertThat(thief.closeCode()).isEqualTo(1008);
            assertOk(laptopSocket.request("update-presence", Map.of("status", "online")));
            assertThat(laptopSocket.closed()).isNotDone();
        }
    }

    @Test
    void signingOutEverywhereClosesEverySocketOfThePerson() {
        Person ann = person("ann");
        var browser = new WebClient(server).signUp(ann);
        var bot = api.login(ann);
        try (var page = LiveClient.page(server, cookieHeader(browser), "");
                var botSocket = LiveClient.json(server, bot.accessToken())) {
            botSocket.ready();
            assertThat(browser.post("/account", Map.of("signOut", "everywhere")).status())
                    .isEqualTo(302);
            assertThat(page.closeCode()).isEqualTo(1008);
            assertThat(botSocket.closeCode()).isEqualTo(1008);
        }
    }
}
