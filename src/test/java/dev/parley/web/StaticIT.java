package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The browser code and styles pages load, the health check, and the headers every answer carries. */
class StaticIT {

    private static TestServer server;
    private static WebClient browser;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        browser = new WebClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Assets.CSS, Assets.JS, Assets.CHANGES_JS, Assets.HTMX_WS, Assets.HTMX})
    void everyAssetAPageLoadsIsServed(String path) {
        Reply r = browser.get(path);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isNotBlank();
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(
                        t -> assertThat(t).matches(path.endsWith(".css") ? "text/css.*" : ".*javascript.*"));
    }

    @Test
    void theHtmxWsExtensionIsTheRealOne() {
        assertThat(browser.get(Assets.HTMX_WS).body()).contains("htmx.defineExtension", "ws");
    }

    @Test
    void pagesReferenceExactlyTheServedAssets() {
        var page = browser.get("/login").html();

        assertThat(page.select("script[src]").eachAttr("src"))
                .containsExactlyInAnyOrder(Assets.HTMX, Assets.HTMX_WS, Assets.JS, Assets.CHANGES_JS, Assets.FILES_JS);
        assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).containsExactly(Assets.CSS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/static/nothing.js",
                "/static/vendor/nothing.js",
                "/webjars/htmx.org/0.0.1/htmx.js",
                "/static/../pom.xml"
            })
    void missingAssetsAre404(String path) {
        assertThat(browser.get(path).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/", "/static/vendor/", "/webjars/", "/webjars/htmx.org/2.0.8/dist/"})
    void assetDirectoriesAreNeverListed(String path) {
        Reply r = browser.get(path);

        assertThat(r.status()).isIn(403, 404);
        assertThat(r.body()).doesNotContain("parley.css", "htmx.min.js");
    }

    @Test
    void theHealthCheckAnswers() {
        Reply r = browser.get("/healthz");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/register", "/", "/api/me", "/api/nothing", Assets.CSS, Assets.HTMX, "/nowhere"})
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        Reply r = browser.get(path);

        assertThat(r.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-eval"));
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.header("Server")).isEmpty();
    }

    @Test
    void theScriptPolicyAllowsNoInlineScript() {
        String csp = browser.get("/login").header("Content-Security-Policy").orElseThrow();

        String scriptSrc = csp.replaceAll(".*script-src([^;]*).*", "$1");
        assertThat(scriptSrc).doesNotContain("unsafe-inline");
        assertThat(browser.get("/login").html().select("script:not([src])")).isEmpty();
    }
}
