package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static dev.parley.testing.Person.CAROL;
import static dev.parley.testing.Person.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Registration;
import dev.parley.testing.ApiClient;
import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.MutableClock;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may sign up, under each registration mode and through each kind of invite link. */
class RegistrationIT {

    private TestServer server;
    private ApiClient api;
    private final MutableClock clock = MutableClock.now();

    private void start(Optional<Registration> mode) {
        server = TestServer.start(c -> c.withRegistration(mode), clock);
        api = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Reply signUp(Person p, String invite) {
        var body = new HashMap<String, Object>(Map.of("username", p.username(), "password", p.password()));
        if (invite != null) body.put("invite", invite);
        return api.post("/api/auth/register", null, body);
    }

    private JsonNode invite(Session admin, Map<String, Object> limits) {
        Reply r = api.post("/api/admin/invites", admin.accessToken(), limits);
        assertThat(r.status()).as("create invite: %s", r).isEqualTo(201);
        return r.json();
    }

    @Test
    void byDefaultTheFirstPersonSignsUpFreelyAsAdminAndAfterThatOnlyWithAnInvite() {
        start(Optional.empty());

        Reply first = signUp(ALICE, null);
        assertThat(first.status()).isEqualTo(201);
        Session alice = Session.of(first.json());
        assertThat(api.get("/api/me", alice.accessToken()).json().path("admin").asBoolean())
                .isTrue();

        Reply second = signUp(BOB, null);
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.errorCode()).isEqualTo("forbidden");
        assertThat(second.json().path("error").path("message").asText()).contains("by invitation only");
        assertThat(api.post("/api/auth/login", null, Map.of("username", "bob", "password", BOB.password()))
                        .status())
                .as("nothing was half-written")
                .isEqualTo(401);

        Reply page = new WebClient(server).get("/register");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().select("[role=alert]").text()).contains("by invitation only");
        assertThat(page.html().select("form[action=/register]")).isEmpty();
        Reply form = new WebClient(server).post("/register", Map.of("username", "bob", "password", BOB.password()));
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.html().select("[role=alert]").text()).contains("by invitation only");

        assertThat(api.get("/api/admin/registration", alice.accessToken())
                        .json()
                        .path("mode")
                        .asText())
                .isEqualTo("invite");
    }

    @Test
    void openSignUpLetsAnyoneIn() {
        start(Optional.of(Registration.OPEN));

        assertThat(signUp(ALICE, null).status()).isEqualTo(201);
        assertThat(signUp(BOB, null).status()).isEqualTo(201);
        assertThat(new WebClient(server).get("/register").html().select("form[action=/register]"))
                .hasSize(1);
    }

    @Test
    void closedSignUpRefusesEvenAnInviteButNotTheVeryFirstPerson() {
        start(Optional.of(Registration.CLOSED));
        Session alice = Session.of(signUp(ALICE, null).json());
        String token = invite(alice, Map.of("maxUses", 5)).path("token").asText();

        Reply refused = signUp(BOB, token);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("message").asText())
                .isEqualTo("Sign-up is closed on this server.");
        assertThat(new WebClient(server)
                        .get("/register?invite=" + token)
                        .html()
                        .select("[role=alert]")
                        .text())
                .contains("closed");
    }

    @Test
    void theAdminsChoiceInAdminWinsOverTheDefaultAndIsAudited() {
        start(Optional.of(Registration.CLOSED));
        Session alice = Session.of(signUp(ALICE, null).json());
        WebClient page = new WebClient(server).logIn(ALICE);

        assertThat(page.post("/admin/registration", Map.of("mode", "open")).status())
                .isEqualTo(302);
        assertThat(page.get("/admin")
                        .html()
                        .select("#field-mode option[selected]")
                        .attr("value"))
                .isEqualTo("open");
        assertThat(signUp(BOB, null).status()).isEqualTo(201);

        Reply bad = api.post("/api/admin/registration", alice.accessToken(), Map.of("mode", "everyone"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("field").asText()).isEqualTo("mode");
        Reply viaApi = api.post("/api/admin/registration", alice.accessToken(), Map.of("mode", "invite"));
        assertThat(viaApi.json().path("mode").asText()).isEqualTo("invite");
        assertThat(viaApi.json().path("defaultMode").asText()).isEqualTo("closed");
        assertThat(signUp(CAROL, null).status()).isEqualTo(403);

        JsonNode audit = api.get("/api/admin/audit", alice.accessToken()).json();
        assertThat(audit.findValuesAsText("action")).containsExactly("registration.invite", "registration.open");
        assertThat(audit.get(0).path("actor").path("username").asText()).isEqualTo("alice");
        assertThat(page.get("/admin").html().select("table.audit td").eachText())
                .contains("registration.open", "alice");
    }

    @Test
    void aLinkLimitedByUsesLetsThatManyPeopleInThenSaysItIsSpent() {
        start(Optional.empty());
        Session alice = Session.of(signUp(ALICE, null).json());
        JsonNode made = invite(alice, Map.of("maxUses", 2));
        String token = made.path("token").asText();
        assertThat(made.path("url").asText()).isEqualTo(server.base + "/register?invite=" + token);
        assertThat(made.path("state").asText()).isEqualTo("valid");

        assertThat(signUp(BOB, token).status()).isEqualTo(201);
        assertThat(signUp(CAROL, token).status()).isEqualTo(201);
        Reply third = signUp(DAVE, token);

        assertThat(third.status()).isEqualTo(403);
        assertThat(third.json().path("error").path("message").asText()).contains("used as many times as it allows");
        JsonNode listed =
                api.get("/api/admin/invites", alice.accessToken()).json().get(0);
        assertThat(listed.path("uses").asInt()).isEqualTo(2);
        assertThat(listed.path("maxUses").asInt()).isEqualTo(2);
        assertThat(listed.path("state").asText()).isEqualTo("spent");
        assertThat(listed.has("token")).as("the token is shown only once").isFalse();
        assertThat(new WebClient(server)
                        .get("/register?invite=" + token)
                        .html()
                        .select("[role=alert]")
                        .text())
                .contains("used as many times as it allows");
    }

    @Test
    void aSignUpThatFailsDoesNotSpendTheLink() {
        start(Optional.empty());
        Session alice = Session.of(signUp(ALICE, null).json());
        String token = invite(alice, Map.of("maxUses", 1)).path("token").asText();

        Reply taken = signUp(new Person("alice", "another-password"), token);

        assertThat(taken.status()).isEqualTo(409);
        assertThat(signUp(BOB, token).status()).isEqualTo(201);
    }

    @Test
    void aLinkLimitedByTimeSaysItHasExpired() {
        start(Optional.empty());
        Session alice = Session.of(signUp(ALICE, null).json());
        String token = invite(alice, Map.of("expiresInHours", 24)).path("token").asText();
        assertThat(signUp(BOB, token).status()).isEqualTo(201);

        clock.advance(Duration.ofHours(24));
        Reply late = signUp(CAROL, token);

        assertThat(late.status()).isEqualTo(403);
        assertThat(late.json().path("error").path("message").asText()).contains("expired");
        Reply page = new WebClient(server).get("/register?invite=" + token);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().select("[role=alert]").text()).contains("expired");
    }

    @Test
    void aRevokedLinkSaysSoAndAForgedOneIsNotValid() {
        start(Optional.empty());
        Session alice = Session.of(signUp(ALICE, null).json());
        JsonNode made = invite(alice, Map.of("maxUses", 10, "expiresInHours", 1));

        assertThat(api.post("/api/admin/invites/" + made.path("id").asLong() + "/revoke", alice.accessToken(), Map.of())
                        .status())
                .isEqualTo(204);

        Reply revoked = signUp(BOB, made.path("token").asText());
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.json().path("error").path("message").asText()).contains("revoked");
        Reply forged = signUp(BOB, "inv_" + "A".repeat(32));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("error").path("message").asText()).contains("not valid");
        assertThat(api.get("/api/admin/audit", alice.accessToken()).json().findValuesAsText("action"))
                .containsExactly("invite.revoke", "invite.create");
    }

    @Test
    void followingALinkInABrowserSignsYouUpIntoTheDefaultRooms() {
        start(Optional.empty());
        WebClient alicePage = new WebClient(server).signUp(ALICE);
        long general = alicePage.createRoom("general", false);
        long random = alicePage.createRoom("random", false);
        assertThat(alicePage
                        .post("/admin/default-rooms", Map.of("roomId", Long.toString(general)))
                        .status())
                .isEqualTo(302);
        Reply made = alicePage.post("/admin/invites", Map.of("expiresInHours", "48", "maxUses", ""));
        String link = made.html().select("code.invite-link").text();
        assertThat(link).startsWith(server.base + "/register?invite=inv_");
        String path = link.substring(server.base.toString().length());

        WebClient bob = new WebClient(server);
        Reply form = bob.get(path);
        assertThat(form.status()).isEqualTo(200);
        String token = form.html().select("input[name=invite]").val();
        assertThat(bob.post("/register", Map.of("username", "bob", "password", BOB.password(), "invite", token))
                        .status())
                .isEqualTo(302);

        Session bobApi = api.login(BOB);
        JsonNode rooms = api.get("/api/rooms", bobApi.accessToken()).json();
        assertThat(rooms.findValues("member").stream().map(JsonNode::asBoolean)).containsExactly(true, false);
        assertThat(rooms.get(0).path("id").asLong()).isEqualTo(general);
        assertThat(rooms.get(1).path("id").asLong()).isEqualTo(random);
        assertThat(alicePage.get("/admin").html().select("table.invites td").eachText())
                .contains("1", "valid");
    }

    @Test
    void inviteTokensAreStoredOnlyAsHashes() throws Exception {
        start(Optional.empty());
        Session alice = Session.of(signUp(ALICE, null).json());
        String token = invite(alice, Map.of("maxUses", 1)).path("token").asText();

        try (var c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir.resolve("parley.db"));
                var rs = c.createStatement().executeQuery("SELECT token_hash FROM invites")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .isNotEqualTo(token)
                    .doesNotContain(token.substring(4))
                    .hasSize(64);
        }
    }

    @Test
    void onlyAdminsMakeInvitesAndALinkNeedsALimit() {
        start(Optional.of(Registration.OPEN));
        Session alice = Session.of(signUp(ALICE, null).json());
        Session bob = Session.of(signUp(BOB, null).json());

        assertThat(api.post("/api/admin/invites", bob.accessToken(), Map.of("maxUses", 1))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/invites", bob.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/invites", null).status()).isEqualTo(401);
        Reply unlimited = api.post("/api/admin/invites", alice.accessToken(), Map.of());
        assertThat(unlimited.status()).isEqualTo(400);
        assertThat(unlimited.json().path("error").path("field").asText()).isEqualTo("expiresInHours");
        assertThat(api.post("/api/admin/invites", alice.accessToken(), Map.of("maxUses", 0))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/admin/invites", alice.accessToken(), Map.of("maxUses", "ten"))
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/invites", alice.accessToken()).json()).isEmpty();
    }
}
