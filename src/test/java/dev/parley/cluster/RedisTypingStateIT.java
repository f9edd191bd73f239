package dev.parley.cluster;

import static dev.parley.cluster.SharedRedis.assertFailsFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.TypingState;
import dev.parley.chat.TypingState.Entry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisTypingStateIT extends TypingStateContract {

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
    protected TypingState newState() {
        prefix = SharedRedis.freshPrefix();
        return new RedisTypingState(redis.one, prefix);
    }

    @Override
    protected TypingState sameStateOnAnotherInstance() {
        return new RedisTypingState(redis.two, prefix);
    }

    @Test
    void everyCallFailsFastWhileRedisDoesNotAnswer() {
        state.start(GENERAL, ALICE, at(5));
        redis.server.pause();
        try {
            everyCallFailsFast();
        } finally {
            redis.server.resume();
        }
    }

    @Test
    void everyCallFailsFastWhileRedisIsDown() {
        state.start(GENERAL, ALICE, at(5));
        redis.server.kill();
        try {
            everyCallFailsFast();
        } finally {
            redis.server.restart();
        }
    }

    private void everyCallFailsFast() {
        assertFailsFast(() -> state.start(GENERAL, BOB, at(5)));
        assertFailsFast(() -> state.stop(GENERAL, ALICE.id()));
        assertFailsFast(() -> state.typers(GENERAL));
        assertFailsFast(() -> state.expire(at(5)));
    }

    @Test
    void afterRedisRestartsEmptyTypingWorksAgain() {
        state.start(GENERAL, ALICE, at(5));
        redis.server.restart();
        redis.awaitAnswering();
        assertThat(state.typers(GENERAL)).isEmpty();
        assertThat(state.start(GENERAL, BOB, at(6))).isTrue();
        assertThat(state.stop(GENERAL, ALICE.id())).isFalse();
        assertThat(state.expire(at(6))).containsExactly(new Entry(GENERAL, BOB));
    }

    @Test
    void everyKeyVanishesOnItsOwnShouldEveryInstanceDie() {
        state.start(GENERAL, ALICE, at(5));
        var commands = redis.one.commands.sync();
        long generous = RedisScript.SPARE.minusMinutes(1).toMillis();
        assertThat(commands.keys(prefix + "*"))
                .hasSize(3)
                .allSatisfy(key -> assertThat(commands.pttl(key)).isGreaterThan(generous));
    }
}
