package dev.parley.live;

import static dev.parley.testing.LiveFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiClient.Session;
import dev.parley.testing.LiveClient;
import dev.parley.testing.LiveFixtures;
import dev.parley.testing.Person;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deactivating someone closes every socket of theirs on every instance within a second. */
class DeactivationIT {

    private static InstancesFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new InstancesFixture(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everySocketOfADeactivatedPersonClosesOnBothInstancesWithinASecond() throws Exception {
        Session admin = cluster.api(0).register(person("boss"));
        cluster.instance(0).parley.accounts.makeAdmin(admin.username());
        Person leaver = person("leaver");
        Session phone = cluster.api(0).register(leaver);
        Session laptop = cluster.api(1).login(leaver);
        Session stayer = cluster.api(1).register(person("stayer"));
        try (var onZero = LiveClient.json(cluster.instance(0), phone.accessToken())
                        .ready();
                var onOne = LiveClient.json(cluster.instance(1), laptop.accessToken())
                        .ready();
                var other = LiveClient.json(cluster.instance(1), stayer.accessToken())
                        .ready()) {
            long start = System.nanoTime();

            var done = cluster.api(0)
                    .post("/api/admin/users/" + leaver.username() + "/deactivate", admin.accessToken(), Map.of());

            assertThat(done.status()).as("%s", done).isEqualTo(200);
            assertThat(onZero.closed().get(1, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(onOne.closed().get(1, TimeUnit.SECONDS)).isEqualTo(1008);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("deactivation closed both instances' sockets %d ms after the request was sent%n", ms);
            assertThat(ms).isLessThan(1000);
            assertThat(other.closed()).as("nobody else's socket").isNotDone();
            assertThat(cluster.api(1).get("/api/me", laptop.accessToken()).status())
                    .isEqualTo(401);
            assertThat(LiveFixtures.rawGet(
                                    cluster.instance(1),
                                    "/ws?format=json&access_token=" + laptop.accessToken(),
                                    true,
                                    Map.of())
                            .status())
                    .as("no new socket with an old token")
                    .isEqualTo(401);
        }
    }
}
