package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminPageIT {

    private TestServer server;
    private WebClient alice;
    private WebClient bob;

    @BeforeEach
    void start() {
        server = TestServer.start();
        alice = new WebClient(server).signUp(ALICE);
        bob = new WebClient(server).signUp(BOB);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFirstUserIsAnAdminAndSeesEveryone() {
        Reply page = alice.get("/admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("table.users td:first-child").eachText()).containsExactly("alice", "bob");
        assertThat(alice.get("/").html().select("a[href=/admin]")).hasSize(1);
    }

    @Test
    void othersAreRefused() {
        assertThat(bob.get("/admin").status()).isEqualTo(403);
        assertThat(bob.post("/admin/admins", Map.of("username", "bob")).status())
                .isEqualTo(403);
        assertThat(bob.get("/").html().select("a[href=/admin]")).isEmpty();
    }

    @Test
    void anAdminMakesAnotherAdminWhoseRightsApplyAtOnce() {
        assertThat(alice.post("/admin/admins", Map.of("username", "BOB")).status())
                .isEqualTo(302);
        assertThat(bob.get("/admin").status()).isEqualTo(200);
    }

    @Test
    void anUnknownUsernameIsShownBesideTheField() {
        Reply r = alice.post("/admin/admins", Map.of("username", "nobody"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.html().select(".field.invalid [role=alert]").text()).contains("not found");
    }

    @Test
    void anAdminResetsAPasswordOnceShownAndTheOwnersDevicesAreSignedOut() {
        Reply r = alice.post("/admin/password-resets", Map.of("username", "bob"));
        assertThat(r.status()).isEqualTo(200);
        String temporary = r.html().select(".notice code").text();
        assertThat(temporary).hasSize(14);

        assertThat(bob.get("/").status()).as("bob's old session is over").isEqualTo(302);
        assertThat(new WebClient(server)
                        .post("/login", Map.of("username", "bob", "password", BOB.password()))
                        .status())
                .isEqualTo(401);
        new WebClient(server).logIn(new Person("bob", temporary));
    }

    @Test
    void onlyAdminsResetPasswordsAndUnknownNamesAreShownBesideTheField() {
        assertThat(bob.post("/admin/password-resets", Map.of("username", "alice"))
                        .status())
                .isEqualTo(403);
        Reply r = alice.post("/admin/password-resets", Map.of("username", "nobody"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.html().select(".field.invalid [role=alert]").text()).contains("not found");
    }

    @Test
    void signedOutVisitorsAreSentToLogIn() {
        Reply r = new WebClient(server).get("/admin");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).startsWith("/login");
    }
}
