package dev.parley.cluster;

import dev.parley.chat.ClusterUnavailable;
import io.lettuce.core.RedisException;
import java.time.Instant;
import java.util.List;

/**
 * Redis's {@code TIME}: the one clock every instance reads the same, so that deadlines shared
 * through Redis do not depend on how far each machine's own clock is off.
 */
final class RedisClock {

    private RedisClock() {}

    static Instant now(Redis link) {
        link.check();
        try {
            List<String> time = link.commands.sync().time();
            return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
        } catch (RedisException e) {
            throw new ClusterUnavailable("Redis failed: " + e.getMessage(), e);
        }
    }
}
