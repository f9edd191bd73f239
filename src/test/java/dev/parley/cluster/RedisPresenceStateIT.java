package dev.parley.cluster;

import static dev.parley.cluster.SharedRedis.assertFailsFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.PresenceState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisPresenceStateIT extends PresenceStateContract {

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
    void redisAnswers() {
        redis.awaitAnswering();
    }

    @Override
    protected PresenceState newState() {
        prefix = SharedRedis.freshPrefix();
        return new RedisPresenceState(redis.one, prefix);
    }

    @Override
    protected PresenceState sameStateOnAnotherInstance() {
        return new RedisPresenceState(redis.two, prefix);
    }

    @Test
    void everyCallFailsFastWhileRedisDoesNotAnswer() {
        state.connect(ALICE, "alice-laptop", at(45));
        redis.server.pause();
        try {
            everyCallFailsFast();
        } finally {
            redis.server.resume();
        }
    }

    @Test
    void everyCallFailsFastWhileRedisIsDown() {
        state.connect(ALICE, "alice-laptop", at(45));
        redis.server.kill();
        try {
            everyCallFailsFast();
        } finally {
            redis.server.restart();
        }
    }

    private void everyCallFailsFast() {
        assertFailsFast(() -> state.connect(ALICE, "alice-phone", at(45)));
        assertFailsFast(() -> state.renew(Map.of("alice-laptop", ALICE, "bob-phone", BOB), at(60)));
        assertFailsFast(() -> state.isOnline(ALICE));
        assertFailsFast(() -> state.online(List.of(ALICE, BOB)));
        assertFailsFast(() -> state.expire(at(60)));
    }

    @Test
    void afterRedisRestartsEmptyTheHeartbeatBringsEveryoneBackOnline() {
        var connections = Map.of("alice-laptop", ALICE, "bob-phone", BOB);
        state.renew(connections, at(45));
        redis.server.restart();
        redis.awaitAnswering();
        assertThat(state.isOnline(ALICE)).isFalse();
        assertThat(state.renew(connections, at(60))).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(state.expire(at(60))).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void everyKeyVanishesOnItsOwnShouldEveryInstanceDie() {
        state.renew(Map.of("alice-laptop", ALICE, "bob-phone", BOB), at(45));
        var commands = redis.one.commands.sync();
        long generous = RedisScript.SPARE.minusMinutes(1).toMillis();
        assertThat(commands.keys(prefix + "*"))
                .hasSize(3)
                .allSatisfy(key -> assertThat(commands.pttl(key)).isGreaterThan(generous));
    }
}
