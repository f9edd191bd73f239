package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
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
    }

    @Test
    void environmentSetsAndFlagsOverride() {
        var env = Map.of("PORT", "9000", "DATA_DIR", "/var/lib/parley", "REDIS_URL", "redis://127.0.0.1:6379",
                "DATABASE_URL", "jdbc:postgresql://db/parley", "JWT_SECRET", "s".repeat(32));
        Config c = Config.parse(new String[] {"--port", "9100", "--dev", "--public-url", "https://chat.example.org/"}, env);
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://db/parley");
        assertThat(c.redisUrl()).contains("redis://127.0.0.1:6379");
        assertThat(c.publicUrl()).contains(URI.create("https://chat.example.org"));
        assertThat(c.dev()).isTrue();
    }

    @Test
    void refusesWhatItCannotUseWithAClearMessage() {
        assertThatThrownBy(() -> Config.parse(new String[] {"--prot", "1"}, Map.of())).hasMessageContaining("unknown flag --prot");
        assertThatThrownBy(() -> Config.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PORT", "eighty"))).hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PORT", "70000"))).hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("DATABASE_URL", "jdbc:mysql://db/x?password=hunter2")))
                .hasMessageContaining("DATABASE_URL must start with").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("PUBLIC_URL", "chat.example.org"))).hasMessageContaining("PUBLIC_URL");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, Map.of("JWT_SECRET", "short"))).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void severalInstancesNeedPostgresAndASharedKey() {
        var sqlite = Map.of("REDIS_URL", "redis://127.0.0.1:6379", "JWT_SECRET", "s".repeat(32));
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, sqlite)).hasMessageContaining("PostgreSQL DATABASE_URL, not SQLite");
        var noKey = Map.of("REDIS_URL", "redis://127.0.0.1:6379", "DATABASE_URL", "jdbc:postgresql://db/parley");
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, noKey)).hasMessageContaining("same JWT_SECRET");
        var notRedis = Map.of("REDIS_URL", "127.0.0.1:6379", "DATABASE_URL", "jdbc:postgresql://db/parley", "JWT_SECRET", "s".repeat(32));
        assertThatThrownBy(() -> Config.parse(NO_FLAGS, notRedis)).hasMessageContaining("redis://host:port");
    }

    @Test
    void helpListsEverySettingWithItsFlag() {
        String usage = Setting.usage();
        for (Setting s : Setting.values()) {
            assertThat(usage).contains(s.name()).contains(s.flag);
        }
    }
}
