package dev.parley.web;

import static dev.parley.testing.Html.button;
import static dev.parley.testing.Html.errorBeside;
import static dev.parley.testing.Html.labelled;
import static dev.parley.testing.Person.ALICE;
import static dev.parley.testing.Person.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /register}, {@code /login}, {@code /logout} and staying signed in, as a browser sees them. */
class AuthPagesIT {

    private TestServer server;
    private WebClient browser;

    @BeforeEach
    void start() {
        server = TestServer.start();
        browser = new WebClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSignUpPageHasLabelledFieldsAndASignUpButton() {
        Reply r = browser.get("/register");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Document page = r.html();
        assertThat(labelled(page, "Username").attr("name")).isEqualTo("username");
        assertThat(labelled(page, "Password").attr("name")).isEqualTo("password");
        assertThat(labelled(page, "Password").attr("type")).isEqualTo("password");
        assertThat(button(page, "Sign up").attr("type")).isEqualTo("submit");
        assertThat(button(page, "Sign up").closest("form").attr("action")).isEqualTo("/register");
        assertThat(button(page, "Sign up").closest("form").attr("method")).isEqualToIgnoringCase("post");
    }

    @Test
    void theLogInPageHasLabelledFieldsAndALogInButton() {
        Reply r = browser.get("/login");

        assertThat(r.status()).isEqualTo(200);
        Document page = r.html();
        assertThat(labelled(page, "Username").tagName()).isEqualTo("input");
        assertThat(labelled(page, "Password").attr("type")).isEqualTo("password");
        assertThat(button(page, "Log in").closest("form").attr("action")).isEqualTo("/login");
    }

    @Test
    void signingUpRedirectsHomeWithHttpOnlyLaxCookies() {
        Reply r = browser.post("/register", Map.of("username", "alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/");
        for (String name : new String[] {"parley_at", "parley_rt"}) {
            String cookie = r.setCookie(name).orElseThrow(() -> new AssertionError("no Set-Cookie for " + name));
            assertThat(attributes(cookie))
                    .contains("httponly", "samesite=lax", "path=/")
                    .doesNotContain("secure");
            assertThat(cookie.split(";")[0]).isNotEqualTo(name + "=");
        }
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void cookiesAreSecureWhenThePublicUrlIsHttps() {
        try (var https = TestServer.start(c -> c.withPublicUrl(URI.create("https://chat.example.org")))) {
            var b = new WebClient(https).withOrigin("https://chat.example.org");

            Reply r = b.post("/register", Map.of("username", "alice", "password", ALICE.password()));

            assertThat(r.status()).isEqualTo(302);
            assertThat(attributes(r.setCookie("parley_at").orElseThrow()))
                    .contains("secure", "httponly", "samesite=lax", "path=/");
            assertThat(attributes(r.setCookie("parley_rt").orElseThrow()))
                    .contains("secure", "httponly", "samesite=lax", "path=/");
        }
    }

    @Test
    void aNewAccountSeesTheRoomListAndItsName() {
        browser.signUp(ALICE);

        Reply home = browser.get("/");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.html().selectFirst(".whoami").text()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "no!", ""})
    void aBadUsernameShowsThePageAgainWith400AndTheErrorBesideTheField(String username) {
        Reply r = browser.post("/register", Map.of("username", username, "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.setCookie("parley_at")).isEmpty();
        Document page = r.html();
        assertThat(errorBeside(page, "Username")).isNotBlank();
        assertThat(labelled(page, "Username").attr("aria-invalid")).isEqualTo("true");
        assertThat(labelled(page, "Username").val()).isEqualTo(username);
        assertThat(button(page, "Sign up")).isNotNull();
    }

    @Test
    void aShortPasswordIsShownBesideThePasswordField() {
        Reply r = browser.post("/register", Map.of("username", "alice", "password", "short"));

        assertThat(r.status()).isEqualTo(400);
        Document page = r.html();
        assertThat(errorBeside(page, "Password")).contains("8");
        assertThat(labelled(page, "Password").val()).isEmpty();
        assertThat(labelled(page, "Username").val()).isEqualTo("alice");
    }

    @Test
    void aTakenUsernameIs409BesideTheUsernameField() {
        new WebClient(server).signUp(ALICE);

        Reply r = browser.post("/register", Map.of("username", "Alice", "password", "another-password"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(errorBeside(r.html(), "Username")).containsIgnoringCase("taken");
    }

    @Test
    void logInRedirectsHomeWithCookies() {
        new WebClient(server).signUp(ALICE);

        Reply r = browser.post("/login", Map.of("username", "alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/");
        assertThat(r.setCookie("parley_at")).isPresent();
        assertThat(r.setCookie("parley_rt")).isPresent();
    }

    @Test
    void aWrongPasswordIs401WithTheErrorOnThePage() {
        new WebClient(server).signUp(ALICE);

        Reply r = browser.post("/login", Map.of("username", "alice", "password", BOB.password()));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.setCookie("parley_at")).isEmpty();
        Document page = r.html();
        assertThat(errorBeside(page, "Password")).isEqualTo("Wrong username or password.");
        assertThat(labelled(page, "Username").val()).isEqualTo("alice");
        assertThat(button(page, "Log in")).isNotNull();
    }

    @Test
    void anUnknownUserIs401LikeAWrongPassword() {
        Reply r = browser.post("/login", Map.of("username", "nobody", "password", BOB.password()));

        assertThat(r.status()).isEqualTo(401);
        assertThat(errorBeside(r.html(), "Password")).isEqualTo("Wrong username or password.");
    }

    @Test
    void aLogInFormWithoutFieldsIs401NotACrash() {
        Reply r = browser.post("/login", Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.html().select("[role=alert]")).isNotEmpty();
    }

    @Test
    void theRoomListSignedOutRedirectsToLogInComingBackAfterwards() {
        Reply r = browser.get("/");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login?next=%2F");
    }

    @Test
    void aRoomPageSignedOutRedirectsToLogInWithThatPageAsNext() {
        Reply r = browser.get("/rooms/7");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login?next=%2Frooms%2F7");
    }

    @Test
    void anHtmxRequestSignedOutGetsAnHxRedirect() {
        Reply r = browser.get("/rooms/7/messages?before=5", "HX-Request", "true");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("HX-Redirect")).hasValue("/login?next=%2Frooms%2F7%2Fmessages");
    }

    @Test
    void logInGoesBackToALocalNext() {
        new WebClient(server).signUp(ALICE);

        Reply r = browser.post("/login", Map.of("username", "alice", "password", ALICE.password(), "next", "/rooms/7"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/rooms/7");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "https://evil.example",
                "/\\evil.example",
                "http:/evil.example",
                "evil.example",
                "javascript:alert(1)"
            })
    void aNextPointingElsewhereRedirectsHome(String next) {
        new WebClient(server).signUp(ALICE);

        Reply login = browser.post("/login", Map.of("username", "alice", "password", ALICE.password(), "next", next));
        Reply signedIn = browser.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).isEqualTo("/");
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/");
    }

    /** Targets that only become another site after a browser or Jetty normalises them (issue 14, item 1), and their encoded cousins. */
    static List<String> disguisedElsewhere() {
        return List.of(
                "/.//evil.example/x",
                "/a/..//evil.example",
                "/./\\evil.example",
                "/\tevil.example",
                "/\t/evil.example",
                "/\n/evil.example",
                "/\r//evil.example",
                "/%2F%2Fevil.example",
                "/%2f/evil.example",
                "/%09/evil.example",
                "/%5Cevil.example",
                "/%5c%5cevil.example",
                "/%0a/evil.example",
                "/%00",
                "/%2e%2e//evil.example",
                "/rooms/../..//evil.example",
                "/././/evil.example",
                "/..//evil.example",
                "/a/b/../../..//evil.example",
                "/ /evil.example",
                "/\u00A0/evil.example",
                "/\u3000/evil.example",
                "/%",
                "/%zz",
                "/%252F%252Fevil.example",
                "//",
                "///evil.example",
                "/\\/evil.example",
                "/@evil.example/..//x",
                "/x//evil.example",
                "http://evil.example/",
                "HTTPS://evil.example",
                "\\\\evil.example",
                "/\u2215\u2215evil.example",
                "/\uFF0F\uFF0Fevil.example",
                "data:text/html,x",
                "/#//evil.example");
    }

    @ParameterizedTest
    @MethodSource("disguisedElsewhere")
    void aNextThatNormalisesToElsewhereRedirectsHomeNeverFails(String next) {
        new WebClient(server).signUp(ALICE);

        Reply login = browser.post("/login", Map.of("username", "alice", "password", ALICE.password(), "next", next));
        Reply signedIn = browser.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        Reply form = new WebClient(server).get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));

        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.location()).isEqualTo("/");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html().selectFirst("input[name=next]").val()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rooms/7", "/rooms/7?x=1", "/rooms/./7", "/rooms/a/../7", "/rooms/caf%C3%A9"})
    void aLocalNextIsFollowedNormalised(String next) {
        new WebClient(server).signUp(ALICE);

        Reply login = browser.post("/login", Map.of("username", "alice", "password", ALICE.password(), "next", next));

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).isEqualTo(next.replace("/./", "/").replace("/a/../", "/"));
    }

    @Test
    void theLogInFormCarriesASafeNextAlong() {
        Document page = browser.get("/login?next=%2Frooms%2F3").html();
        Document hostile = browser.get("/login?next=%2F%2Fevil.example").html();

        assertThat(page.selectFirst("input[name=next]").val()).isEqualTo("/rooms/3");
        assertThat(hostile.selectFirst("input[name=next]").val()).isEqualTo("/");
    }

    @Test
    void aSignedInVisitToLogInGoesHome() {
        browser.signUp(ALICE);

        Reply r = browser.get("/login");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/");
    }

    @Test
    void logOutClearsTheCookiesAndRevokesTheSession() {
        browser.signUp(ALICE);
        String access = browser.cookie("parley_at");
        String refresh = browser.cookie("parley_rt");

        Reply r = browser.post("/logout", Map.of());

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login");
        assertCleared(r.setCookie("parley_at").orElseThrow());
        assertCleared(r.setCookie("parley_rt").orElseThrow());

        // A copy of the old cookies is worth nothing now.
        var thief = new WebClient(server);
        thief.setCookie("parley_at", access);
        assertThat(thief.get("/").status()).isEqualTo(302);
        var thief2 = new WebClient(server);
        thief2.setCookie("parley_rt", refresh);
        assertThat(thief2.get("/").status()).isEqualTo(302);
        assertThat(new ApiClient(server).get("/api/me", access).status()).isEqualTo(401);
    }

    @Test
    void aBrowserWithOnlyItsRefreshCookieIsSignedInSilently() {
        browser.signUp(ALICE);
        String oldRefresh = browser.cookie("parley_rt");
        browser.forget("parley_at");

        Reply r = browser.get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.html().selectFirst(".whoami").text()).isEqualTo("alice");
        assertThat(attributes(r.setCookie("parley_at").orElseThrow())).contains("httponly", "samesite=lax", "path=/");
        String newRefresh = r.setCookie("parley_rt").orElseThrow();
        assertThat(newRefresh.split(";")[0]).isNotEqualTo("parley_rt=" + oldRefresh);
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void aBrowserWithAnExpiredAccessCookieIsSignedInSilently() {
        browser.signUp(ALICE);
        browser.setCookie("parley_at", "expired.or.garbage");

        Reply r = browser.get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookie("parley_at")).isPresent();
    }

    @Test
    void aDeadRefreshCookieIsClearedAndTheBrowserSentToLogIn() {
        browser.setCookie("parley_rt", "not-a-real-token");

        Reply r = browser.get("/");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).startsWith("/login");
        assertCleared(r.setCookie("parley_rt").orElseThrow());
    }

    @Test
    void aCrossSiteLogInPostIs403() {
        new WebClient(server).signUp(ALICE);

        Reply r = browser.withOrigin("https://evil.example")
                .post("/login", Map.of("username", "alice", "password", ALICE.password()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.setCookie("parley_at")).isEmpty();
    }

    /** Emptied and expired at once: Jetty says so with an Expires in 1970 rather than Max-Age=0; browsers honour both. */
    private static void assertCleared(String setCookie) {
        assertThat(setCookie.split(";")[0]).endsWith("=");
        assertThat(attributes(setCookie)).anySatisfy(a -> assertThat(a).matches("max-age=0|expires=thu,01jan1970.*"));
        assertThat(attributes(setCookie)).contains("path=/");
    }

    /** A Set-Cookie header's attributes, lower-cased and without spaces: "httponly", "samesite=lax". */
    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";"))
                .skip(1)
                .map(p -> p.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                .toList();
    }
}
