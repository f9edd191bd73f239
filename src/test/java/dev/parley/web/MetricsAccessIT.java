package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Config;
import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} answers admins and the scrape token only. */
class MetricsAccessIT {

    static final String TOKEN = "scrape-token-0123456789";

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withOperations(new Config.Operations(Optional.of(TOKEN), false)));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply scrape(String bearer) {
        var req = api.request("/metrics").GET();
        if (bearer != null) req.header("Authorization", "Bearer " + bearer);
        return ApiClient.send(req);
    }

    @Test
    void theScrapeTokenAndAnAdminReadMetricsAndNobodyElse() {
        var adminPerson = LiveFixtures.person("metrics-admin");
        var admin = api.register(adminPerson);
        server.parley.accounts.makeAdmin(admin.username());
        // Signed in again, so the token says admin.
        var adminAgain = api.login(adminPerson);
        var someone = api.register(LiveFixtures.person("metrics-someone"));

        Reply anonymous = scrape(null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("jvm_");
        Reply wrong = scrape(TOKEN + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(scrape(TOKEN.substring(0, TOKEN.length() - 1)).status()).isEqualTo(401);
        Reply notAdmin = scrape(someone.accessToken());
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body()).doesNotContain("jvm_");

        Reply scraper = scrape(TOKEN);
        assertThat(scraper.status()).isEqualTo(200);
        assertThat(scraper.body())
                .contains("jvm_memory_used_bytes", "hikaricp_connections", "jetty_threads_current")
                .contains("parley_ws_connections_open{format=\"json\"}", "parley_delivery_latency_seconds_bucket");
        assertThat(scrape(adminAgain.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void withoutAScrapeTokenOnlyAdminsRead() {
        try (var plain = TestServer.start()) {
            var plainApi = new ApiClient(plain);
            var person = LiveFixtures.person("metrics-first");
            var first = plainApi.register(person);
            plain.parley.accounts.makeAdmin(first.username());
            var admin = plainApi.login(person);
            var req = plainApi.request("/metrics").GET();
            assertThat(ApiClient.send(req).status()).isEqualTo(401);
            var asAdmin = plainApi.request("/metrics")
                    .header("Authorization", "Bearer " + admin.accessToken())
                    .GET();
            assertThat(ApiClient.send(asAdmin).status()).isEqualTo(200);
            var withEmptyToken = plainApi.request("/metrics")
                    .header("Authorization", "Bearer ")
                    .GET();
            assertThat(ApiClient.send(withEmptyToken).status()).isEqualTo(401);
        }
    }
}
