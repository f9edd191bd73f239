package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Html;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing your password and signing out everywhere, from the page and over the API. */
class AccountIT {

    private static final String NEW_PASSWORD = "a-brand-new-secret";

    private TestServer server;
    private WebClient laptop;
    private WebClient phone;

    @BeforeEach
    void start() {
        server = TestServer.start();
        laptop = new WebClient(server).signUp(ALICE);
        phone = new WebClient(server).logIn(ALICE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theAccountPageHasLabelledPasswordFields() {
        Reply page = laptop.get("/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(Html.labelled(page.html(), "Current password").attr("type")).isEqualTo("password");
        assertThat(Html.labelled(page.html(), "New password").attr("type")).isEqualTo("password");
    }

    @Test
    void changingThePasswordKeepsThisDeviceAndSignsOutTheOthers() {
        Reply r = laptop.post("/account", Map.of("currentPassword", ALICE.password(), "newPassword", NEW_PASSWORD));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/account?changed=true");

        assertThat(laptop.get("/").status()).isEqualTo(200);
        assertThat(phone.get("/").status()).as("the phone must sign in again").isEqualTo(302);
        assertThat(new WebClient(server)
                        .post("/login", Map.of("username", "alice", "password", ALICE.password()))
                        .status())
                .isEqualTo(401);
        new WebClient(server).logIn(new Person("alice", NEW_PASSWORD));
    }

    @Test
    void aWrongCurrentPasswordOrAShortNewOneIsShownBesideItsField() {
        Reply wrong = laptop.post("/account", Map.of("currentPassword", "not-it-at-all", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.html().select("#field-currentPassword-error").text()).contains("not your current password");

        Reply shortOne = laptop.post("/account", Map.of("currentPassword", ALICE.password(), "newPassword", "short"));
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.html().select("#field-newPassword-error").text()).contains("At least 8");
        assertThat(phone.get("/").status()).as("nothing changed").isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsEverySessionThisOneToo() {
        Reply r = laptop.post("/account", Map.of("signOut", "everywhere"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(laptop.get("/").status()).isEqualTo(302);
        assertThat(phone.get("/").status()).isEqualTo(302);
    }

    @Test
    void theApiChangesThePasswordAndEndsTheOtherSessions() {
        var api = new ApiClient(server);
        var bot = api.login(ALICE);
        var other = api.login(ALICE);
        Reply r = api.post(
                "/api/me/password",
                bot.accessToken(),
                Map.of("currentPassword", ALICE.password(), "newPassword", NEW_PASSWORD));
        assertThat(r.status()).isEqualTo(204);
        assertThat(api.get("/api/me", bot.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", other.accessToken()).status()).isEqualTo(401);

        Reply wrong = api.post(
                "/api/me/password",
                bot.accessToken(),
                Map.of("currentPassword", "nope-nope", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errorCode()).isEqualTo("forbidden");
        assertThat(api.post("/api/me/password", bot.accessToken(), Map.of("newPassword", 5))
                        .errorCode())
                .isEqualTo("invalid_payload");
    }
}
