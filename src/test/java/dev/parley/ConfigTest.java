package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.Rate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final String[] NO_FLAGS = {};

    @Test
    void defaultsServeSqliteInTheDataDirOnPort8080() {
        Config c = Config.parse(NO_FLAGS, Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:" + c.dataDir().resolve("parley.db"));
        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.publicUrl()).isEmpty();
        assertThat(c.dev()).isFalse();
        assertThat(c.registration())
                .as("unset: invite only after the first person")
                .isEmpty();
    }

    @Test
    void registrationIsOpenInviteOrClosedFromTheEnvironmentOrItsFlag() {
        assertThat(Config.parse(NO_FLAGS, Map.of("REGISTRATION", "Open")).registration())
                .contains(dev.parley.chat.Registration.OPEN);
        assertThat(Config.parse(new String[] {"--registration", "closed"}, Map.of("REGISTRATION", "open"))
                        .registration())
                .contains(dev.parley.chat.Registration.CLOSED);
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("REGISTRATION", "everyone")))
                .hasMessageContaining("REGISTRATION must be open, invite or closed, got everyone");
    }

    @Test
    void environmentSetsAndFlagsOverride() {
        var env = Map.of(
                "PORT",
                "9000",
                "DATA_DIR",
                "/var/lib/parley",
                "REDIS_URL",
                "redis://127.0.0.1:6379",
                "DATABASE_URL",
                "jdbc:postgresql://db/parley",
                "JWT_SECRET",
                "s".repeat(32));
        Config c = Config.parse(
                new String[] {"--port", "9100", "--dev", "--public-url", "https://chat.example.org/"}, env);
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://db/parley");
        assertThat(c.redisUrl()).contains("redis://127.0.0.1:6379");
        assertThat(c.publicUrl()).contains(URI.create("https://chat.example.org"));
        assertThat(c.dev()).isTrue();
    }

    @Test
    void refusesWhatItCannotUseWithAClearMessage() {
        assertThatThrownBy(() -> Config.parse(new String[] {"--prot", "1"}, Map.of()))
                .hasMessageContaining("unknown flag --prot");
        assertThatThrownBy(() -> Config.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PORT", "eighty")))
                .hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PORT", "70000")))
                .hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("DATABASE_URL", "jdbc:mysql://db/x?password=hunter2")))
                .hasMessageContaining("DATABASE_URL must start with")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PUBLIC_URL", "chat.example.org")))
                .hasMessageContaining("PUBLIC_URL");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("JWT_SECRET", "short")))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void severalInstancesNeedPostgresAndASharedKey() {
        var sqlite = Map.of("REDIS_URL", "redis://127.0.0.1:6379", "JWT_SECRET", "s".repeat(32));
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, sqlite))
                .hasMessageContaining("PostgreSQL DATABASE_URL, not SQLite");
        var noKey = Map.of("REDIS_URL", "redis://127.0.0.1:6379", "DATABASE_URL", "jdbc:postgresql://db/parley");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, noKey)).hasMessageContaining("same JWT_SECRET");
        var notRedis = Map.of(
                "REDIS_URL",
                "127.0.0.1:6379",
                "DATABASE_URL",
                "jdbc:postgresql://db/parley",
                "JWT_SECRET",
                "s".repeat(32));
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, notRedis)).hasMessageContaining("redis://host:port");
    }

    @Test
    void limitsDefaultToWhatFitsPeopleAndAreEachASetting() {
        Config d = Config.parse(NO_FLAGS, Map.of());
        assertThat(d.limits().messages()).isEqualTo(Rate.perSecond(10, 20));
        assertThat(d.limits().messages().toString()).isEqualTo("10/s,20");
        assertThat(d.limits().roomsPerPerson()).isEqualTo(100);
        assertThat(d.limits().hashConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.trustedProxies()).isEmpty();

        Config c = Config.parse(
                new String[] {"--message-rate", "3/s", "--api-rate", "100/m,500"},
                Map.of(
                        "TYPING_RATE",
                        "1/s,2",
                        "JOIN_RATE",
                        "5/h",
                        "ROOM_CREATE_RATE",
                        "2/d,4",
                        "MAX_ROOMS_PER_PERSON",
                        "7",
                        "MAX_SOCKETS_PER_PERSON",
                        "4",
                        "LOGIN_RATE_PER_ADDRESS",
                        "6/m",
                        "SIGNUP_RATE_PER_ADDRESS",
                        "1/h",
                        "HASH_CONCURRENCY",
                        "3",
                        "TRUSTED_PROXIES",
                        "10.0.0.1, ::1"));
        assertThat(c.limits().messages()).isEqualTo(Rate.perSecond(3, 3));
        assertThat(c.limits().apiCalls()).isEqualTo(new Rate(100, Duration.ofMinutes(1), 500));
        assertThat(c.limits().typing()).isEqualTo(Rate.perSecond(1, 2));
        assertThat(c.limits().joins()).isEqualTo(new Rate(5, Duration.ofHours(1), 5));
        assertThat(c.limits().roomCreation()).isEqualTo(new Rate(2, Duration.ofDays(1), 4));
        assertThat(c.limits().roomsPerPerson()).isEqualTo(7);
        assertThat(c.limits().socketsPerPerson()).isEqualTo(4);
        assertThat(c.limits().loginsPerAddress()).isEqualTo(new Rate(6, Duration.ofMinutes(1), 6));
        assertThat(c.limits().registrationsPerAddress()).isEqualTo(new Rate(1, Duration.ofHours(1), 1));
        assertThat(c.limits().hashConcurrency()).isEqualTo(3);
        assertThat(c.trustedProxies()).containsExactly("10.0.0.1", "::1");
    }

    @Test
    void refusesLimitsItCannotRead() {
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("MESSAGE_RATE", "ten")))
                .hasMessageContaining("MESSAGE_RATE")
                .hasMessageContaining("10/s,20");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("MESSAGE_RATE", "0/s")))
                .hasMessageContaining("MESSAGE_RATE");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("TYPING_RATE", "5/w")))
                .hasMessageContaining("TYPING_RATE");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("HASH_CONCURRENCY", "0")))
                .hasMessageContaining("HASH_CONCURRENCY must be a whole number");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("MAX_SOCKETS_PER_PERSON", "-1")))
                .hasMessageContaining("MAX_SOCKETS_PER_PERSON");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("TRUSTED_PROXIES", "proxy.local")))
                .hasMessageContaining("IP addresses");
    }

    @Test
    void helpListsEverySettingWithItsFlag() {
        String usage = Setting.usage();
        for (Setting s : Setting.values()) {
            assertThat(usage).contains(s.name()).contains(s.flag);
        }
    }
}
