package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.ClusterUnavailable;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisScriptIT {

    // Echoes its items, and fails on the item "broken", as a run would when Redis goes away.
    static final RedisScript ECHO = new RedisScript("""
            local items = {}
            for i = 2, #ARGV do
              if ARGV[i] == 'broken' then error('gone') end
              table.insert(items, ARGV[i])
            end
            return items
            """);

    // Counts its runs, and fails from the third on. Says it removed a full batch each time.
    static final RedisScript COUNT = new RedisScript("""
            local run = redis.call('INCR', ARGV[1] .. 'runs')
            if run >= 3 then error('gone') end
            return {tonumber(ARGV[2]), 'run ' .. run}
            """);

    static SharedRedis redis;

    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = SharedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void freshPrefix() {
        prefix = SharedRedis.freshPrefix();
    }

    @Test
    void aScriptRunsAgainAfterRedisForgotIt() {
        assertThat(ECHO.run(redis.one, prefix, "a")).containsExactly("a");
        redis.one.commands.sync().scriptFlush();
        assertThat(ECHO.run(redis.one, prefix, "b")).containsExactly("b");
    }

    @Test
    void batchesRunInOrder() {
        assertThat(ECHO.runInBatches(redis.one, List.of(prefix), List.of("a", "b", "c", "d", "e"), 2))
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aFailureAfterTheFirstBatchKeepsWhatTheEarlierBatchesReturned() {
        assertThat(ECHO.runInBatches(redis.one, List.of(prefix), List.of("a", "b", "broken", "c"), 2))
                .containsExactly("a", "b");
    }

    @Test
    void aFailureOfTheFirstBatchIsThrown() {
        assertThatThrownBy(() -> ECHO.runInBatches(redis.one, List.of(prefix), List.of("broken", "a"), 2))
                .isInstanceOf(ClusterUnavailable.class);
    }

    @Test
    void drainingStopsQuietlyAtAFailureAfterTheFirstRun() {
        assertThat(COUNT.drain(redis.one, 10, prefix)).containsExactly("run 1", "run 2");
    }

    @Test
    void drainingThrowsWhenTheFirstRunFails() {
        COUNT.drain(redis.one, 10, prefix);
        assertThatThrownBy(() -> COUNT.drain(redis.one, 10, prefix)).isInstanceOf(ClusterUnavailable.class);
    }
}
