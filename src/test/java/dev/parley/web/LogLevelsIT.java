package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An admin changes a logger's level while the server runs; the change is audited; nobody else may. */
class LogLevelsIT {

    private static final String LOGGER = "dev.parley.testing.loglevels";

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminTurnsALoggerToDebugAndBackAndTheAuditLogSaysSo() {
        var admin = admin("log-admin");
        var someone = api.register(LiveFixtures.person("log-someone"));
        var logger = LoggerFactory.getLogger(LOGGER);
        assertThat(logger.isDebugEnabled()).isFalse();

        Reply set = api.post("/api/admin/log-levels", admin.accessToken(), Map.of("logger", LOGGER, "level", "debug"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("level").asText()).isEqualTo("DEBUG");
        assertThat(logger.isDebugEnabled()).isTrue();
        assertThat(api.get("/api/admin/log-levels", admin.accessToken())
                        .json()
                        .path(LOGGER)
                        .asText())
                .isEqualTo("DEBUG");
        var audit = api.get("/api/admin/audit", admin.accessToken()).json();
        assertThat(audit.get(0).path("action").asText()).isEqualTo("set log level");
        assertThat(audit.get(0).path("target").asText()).isEqualTo(LOGGER + "=DEBUG");

        Reply reset = api.post("/api/admin/log-levels", admin.accessToken(), Map.of("logger", LOGGER, "level", ""));
        assertThat(reset.json().path("level").asText()).isEqualTo("INFO");
        assertThat(logger.isDebugEnabled()).isFalse();

        assertThat(api.post("/api/admin/log-levels", someone.accessToken(), Map.of("logger", LOGGER, "level", "DEBUG"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/log-levels", someone.accessToken()).status())
                .isEqualTo(403);
        assertThat(logger.isDebugEnabled()).isFalse();
    }

    @Test
    void aLevelOrLoggerNameThatIsNotOneIsRefusedAndChangesNothing() {
        var admin = admin("log-bad");
        for (var body : java.util.List.of(
                Map.of("logger", LOGGER, "level", "LOUD"),
                Map.of("logger", "not a logger", "level", "DEBUG"),
                Map.of("logger", LOGGER + "..x", "level", "DEBUG"),
                Map.of("level", "DEBUG"))) {
            Reply refused = api.post("/api/admin/log-levels", admin.accessToken(), body);
            assertThat(refused.status()).as("%s", body).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_payload");
        }
        assertThat(LoggerFactory.getLogger(LOGGER).isDebugEnabled()).isFalse();
        assertThat(api.get("/api/admin/log-levels", admin.accessToken()).json().has(LOGGER))
                .isFalse();
    }

    /** Someone made admin and signed in again, so that their token says so. */
    private static ApiClient.Session admin(String name) {
        var person = LiveFixtures.person(name);
        api.register(person);
        server.parley.accounts.makeAdmin(person.username());
        return api.login(person);
    }
}
