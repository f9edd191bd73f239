package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.Sessions;
import dev.parley.testing.ApiClient;
import dev.parley.testing.MutableClock;
import dev.parley.testing.Person;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The smaller holes of the audit: state changed by GET, a spent refresh cookie, HSTS, file modes, ambiguous JSON. */
class HardeningIT {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private ApiClient start() {
        server = TestServer.start();
        return new ApiClient(server);
    }

    @Test
    void aGetOfLogoutShowsAButtonAndEndsNothingOnlyItsPostSignsOut() {
        start();
        var browser = new WebClient(server).signUp(Person.ALICE);
        Reply page = browser.get("/logout", "Sec-Fetch-Site", "cross-site");
        assertThat(page.status()).isEqualTo(200);
        var form = page.html().select("main form[action=/logout]");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.select("button").text()).isEqualTo("Log out");
        assertThat(page.setCookies()).as("no cookie is cleared by a GET").isEmpty();
        assertThat(browser.get("/api/me").status()).as("still signed in").isEqualTo(200);

        assertThat(browser.post("/logout", Map.of()).location()).isEqualTo("/login");
        assertThat(browser.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void aSpentRefreshCookieReplayedAfterTheRaceWindowMintsNothingAndEndsTheSession() {
        var clock = MutableClock.now();
        server = TestServer.start(c -> c, clock);
        var browser = new WebClient(server).signUp(Person.ALICE);
        String spent = browser.cookie("parley_rt");
        browser.forget("parley_at");
        assertThat(browser.get("/api/me").status())
                .as("refreshed from the cookie")
                .isEqualTo(200);
        assertThat(browser.cookie("parley_rt")).isNotEqualTo(spent);
        clock.advance(Sessions.COOKIE_RACE_GRACE.plusSeconds(1));

        var thief = new WebClient(server);
        thief.setCookie("parley_rt", spent);
        Reply stolen = thief.get("/api/me");
        assertThat(stolen.status()).isEqualTo(401);
        assertThat(stolen.setCookie("parley_at").orElse("parley_at=;")).startsWith("parley_at=;");
        assertThat(browser.get("/api/me").status())
                .as("the replay ended the session it came from")
                .isEqualTo(401);
    }

    @Test
    void twoTabsWhoseAccessCookieRanOutTogetherBothRefreshAndStaySignedIn() {
        start();
        var tab = new WebClient(server).signUp(Person.ALICE);
        String shared = tab.cookie("parley_rt");
        tab.forget("parley_at");
        var sibling = new WebClient(server);
        sibling.setCookie("parley_rt", shared);

        assertThat(tab.get("/api/me").status()).as("the first tab refreshes").isEqualTo(200);
        Reply raced = sibling.get("/api/me");

        assertThat(raced.status())
                .as("the second tab, a moment later with the same cookie")
                .isEqualTo(200);
        assertThat(raced.setCookie("parley_rt"))
                .as("no new refresh cookie for the loser")
                .isEmpty();
        assertThat(tab.get("/api/me").status()).as("the session lives on").isEqualTo(200);
        tab.forget("parley_at");
        assertThat(tab.get("/api/me").status())
                .as("and refreshes again with the winner's cookie")
                .isEqualTo(200);
    }

    @Test
    void httpsPublicUrlSendsStrictTransportSecurityAndPlainHttpDoesNot() {
        server = TestServer.start(c -> c.withPublicUrl(URI.create("https://chat.example.org")));
        assertThat(new ApiClient(server).get("/login", null).header("Strict-Transport-Security"))
                .contains("max-age=31536000");
        server.close();
        server = null;
        var plain = start();
        assertThat(plain.get("/login", null).header("Strict-Transport-Security"))
                .isEmpty();
    }

    @Test
    void theDatabaseItsJournalFilesAndTheSigningKeyAreTheOwnersAlone() throws Exception {
        var api = start();
        api.register(Person.ALICE);
        Path dir = server.dataDir;
        for (String name : new String[] {"parley.db", "parley.db-wal", "parley.db-shm", "jwt.key"}) {
            Path file = dir.resolve(name);
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void bodiesWithADuplicateKeyOrAnythingAfterTheObjectAreRefused() {
        var api = start();
        var alice = api.register(Person.ALICE);
        for (String body : new String[] {
            "{\"name\":\"one\",\"name\":\"two\"}", "{\"name\":\"one\"} trailing", "{\"name\":\"one\"}{\"name\":\"two\"}"
        }) {
            Reply r = api.postRaw("/api/rooms", alice.accessToken(), body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCode()).as(body).isEqualTo("invalid_payload");
        }
        assertThat(api.get("/api/rooms", alice.accessToken()).json())
                .as("no room was made")
                .isEmpty();
    }
}
