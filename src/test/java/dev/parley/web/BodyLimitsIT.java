package dev.parley.web;

import static dev.parley.testing.Person.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized bodies are refused with 413 before anything reads them, and nothing is stored. */
class BodyLimitsIT {

    private TestServer server;
    private WebClient alice;
    private long general;

    @BeforeEach
    void start() {
        server = TestServer.start();
        alice = new WebClient(server).signUp(ALICE);
        general = alice.createRoom("general", false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOversizedFormPostIs413AndStoresNothing() {
        Reply r = alice.post(
                "/rooms/" + general + "/messages", Map.of("content", "a".repeat(300_000)), "HX-Request", "true");
        assertThat(r.status()).isEqualTo(413);
        assertThat(server.parley.rooms.visible(principal(), general).lastSeq()).isZero();
    }

    @Test
    void aFormMessageOverTheLimitIs413WithTheReasonForThePage() {
        Reply r = alice.post(
                "/rooms/" + general + "/messages", Map.of("content", "a".repeat(4001)), "HX-Request", "true");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("4000");
    }

    private dev.parley.auth.Principal principal() {
        var account = server.parley.accounts.byUsername(ALICE.username());
        return new dev.parley.auth.Principal(account.id(), account.username(), account.admin(), "none");
    }
}
