package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin's say over people: deactivation and back, admin rights given and taken, all of it audited. */
class PeopleAdminIT {

    private TestServer server;
    private ApiClient api;
    private Session alice;
    private Session bob;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        alice = api.register(ALICE);
        bob = api.register(BOB);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply admin(Session who, String username, String action) {
        return api.post("/api/admin/users/" + username + "/" + action, who.accessToken(), Map.of());
    }

    @Test
    void aDeactivatedPersonIsSignedOutCannotLogInAndKeepsTheirMessages() {
        long room = api.createRoom(alice, ApiClient.fresh("general"), false);
        api.join(bob, room);
        api.say(bob, room, "my last words here");
        WebClient bobsBrowser = new WebClient(server).logIn(BOB);

        Reply done = admin(alice, "bob", "deactivate");

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("deactivated").asBoolean()).isTrue();
        assertThat(api.get("/api/me", bob.accessToken()).status())
                .as("old access token")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", bob.refreshToken()))
                        .status())
                .as("old refresh token")
                .isEqualTo(401);
        assertThat(bobsBrowser.get("/").status())
                .as("the browser is signed out")
                .isEqualTo(302);
        Reply login = api.post("/api/auth/login", null, Map.of("username", "bob", "password", BOB.password()));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().path("error").path("message").asText()).contains("deactivated");
        Reply page = new WebClient(server).post("/login", Map.of("username", "bob", "password", BOB.password()));
        assertThat(page.html().select("[role=alert]").text()).contains("deactivated");

        JsonNode history = api.history(alice, room, "");
        assertThat(history.get(0).path("content").asText()).isEqualTo("my last words here");
        assertThat(history.get(0).path("user").path("username").asText()).isEqualTo("bob");
        WebClient alicesBrowser = new WebClient(server).logIn(ALICE);
        assertThat(alicesBrowser
                        .get("/admin")
                        .html()
                        .select("tr.deactivated td")
                        .first()
                        .text())
                .isEqualTo("bob");
        var shown =
                alicesBrowser.get("/rooms/" + room).html().select(".message").first();
        assertThat(shown.select(".author").text()).isEqualTo("bob");
        assertThat(shown.select(".deactivated-mark").text()).isEqualTo("(deactivated)");
        assertThat(shown.select(".body").text()).isEqualTo("my last words here");
    }

    @Test
    void aReactivatedPersonSignsInAgain() {
        admin(alice, "bob", "deactivate");

        Reply back = admin(alice, "bob", "reactivate");

        assertThat(back.json().path("deactivated").asBoolean()).isFalse();
        api.login(BOB);
        assertThat(api.get("/api/admin/audit", alice.accessToken()).json().findValuesAsText("action"))
                .containsExactly("user.reactivate", "user.deactivate");
    }

    @Test
    void theLastAdminCannotBeDemotedNorDeactivated() {
        Reply demote = admin(alice, "alice", "demote");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("error").path("message").asText()).contains("last admin");
        assertThat(admin(alice, "alice", "deactivate").status())
                .as("nor deactivate herself")
                .isEqualTo(403);

        WebClient page = new WebClient(server).logIn(ALICE);
        Reply viaPage = page.post("/admin/demotions", Map.of("username", "alice"));
        assertThat(viaPage.status()).isEqualTo(409);
        assertThat(viaPage.html().select("[role=alert]").text()).contains("last admin");
        assertThat(api.get("/api/me", alice.accessToken()).json().path("admin").asBoolean())
                .isTrue();
    }

    @Test
    void anAdminDemotesAnotherAdminWhoLosesTheirRightsAtOnce() {
        assertThat(admin(alice, "bob", "promote").json().path("admin").asBoolean())
                .isTrue();
        assertThat(api.get("/api/admin/users", bob.accessToken()).status()).isEqualTo(200);

        assertThat(admin(bob, "alice", "demote").json().path("admin").asBoolean())
                .isFalse();

        assertThat(api.get("/api/admin/users", alice.accessToken()).status()).isEqualTo(403);
        assertThat(admin(bob, "bob", "demote").status())
                .as("bob is now the last one")
                .isEqualTo(409);
        JsonNode audit = api.get("/api/admin/audit", bob.accessToken()).json();
        assertThat(audit.findValuesAsText("action")).containsExactly("admin.revoke", "admin.grant");
        assertThat(audit.get(0).path("actor").path("username").asText()).isEqualTo("bob");
        assertThat(audit.get(0).path("target").asText()).isEqualTo("alice");
        assertThat(audit.get(0).path("at").asText()).isNotBlank();
    }

    @Test
    void aDeactivatedAdminCannotAdminister() {
        admin(alice, "bob", "promote");
        Session bobAgain = api.login(BOB);

        admin(alice, "bob", "deactivate");

        assertThat(api.get("/api/admin/users", bobAgain.accessToken()).status()).isEqualTo(401);
        assertThat(admin(alice, "alice", "demote").status())
                .as("bob, deactivated, does not count")
                .isEqualTo(409);
    }

    @Test
    void everyAdminActionOnThePageIsListedInTheAuditTable() {
        api.register(CAROL);
        WebClient page = new WebClient(server).logIn(ALICE);

        page.post("/admin/admins", Map.of("username", "carol"));
        page.post("/admin/deactivations", Map.of("username", "bob"));
        page.post("/admin/password-resets", Map.of("username", "carol"));

        var rows = page.get("/admin").html().select("table.audit tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).select("td").eachText()).containsSubsequence("alice", "password.reset", "carol");
        assertThat(rows.get(1).select("td").eachText()).containsSubsequence("alice", "user.deactivate", "bob");
        assertThat(rows.get(2).select("td").eachText()).containsSubsequence("alice", "admin.grant", "carol");
        assertThat(rows.get(0).select("time").attr("datetime")).isNotBlank();
    }

    @Test
    void nonAdminsAreRefusedEveryAdminRoute() {
        for (String path : new String[] {"users", "registration", "invites", "default-rooms", "audit"}) {
            assertThat(api.get("/api/admin/" + path, bob.accessToken()).status())
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(admin(bob, "alice", "deactivate").status()).isEqualTo(403);
        assertThat(admin(bob, "bob", "promote").status()).isEqualTo(403);
        assertThat(new WebClient(server)
                        .logIn(BOB)
                        .post("/admin/deactivations", Map.of("username", "alice"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/me", alice.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void unknownPeopleAreNotFound() {
        assertThat(admin(alice, "nobody", "deactivate").status()).isEqualTo(404);
        assertThat(admin(alice, "bob", "explode").status()).isEqualTo(404);
    }
}
