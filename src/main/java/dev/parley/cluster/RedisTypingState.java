package dev.parley.cluster;

import static dev.parley.cluster.RedisScript.epochMillis;
import static dev.parley.cluster.RedisScript.timeToLive;

import dev.parley.chat.TypingState;
import dev.parley.chat.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typing shared by every instance through Redis. Per room, a sorted set {@code typing:<room>} of
 * typists by start order and a hash {@code typing:<room>:names} of their usernames; beside them,
 * every entry in one sorted set {@code typing:deadlines} ({@code <room>:<user>} by deadline), which
 * {@link #expire} walks from the earliest. Each operation is a Lua script, atomic, and expire
 * runs it once per {@link #BATCH} entries; deadlines count to the millisecond.
 */
public final class RedisTypingState implements TypingState {

    /** Entries expired per script run. */
    static final int BATCH = 500;

    private static final String ROOM_KEYS = """
            local prefix, room, user = ARGV[1], ARGV[2], ARGV[3]
            local typists, names = prefix .. 'typing:' .. room, prefix .. 'typing:' .. room .. ':names'
            local deadlines = prefix .. 'typing:deadlines'
            """;

    // ARGV: prefix, room, user, username, deadline, time to live. Returns 1 when the user was not typing.
    // A newcomer goes after the last typist; one typing on keeps their place.
    private static final RedisScript START = new RedisScript(ROOM_KEYS + """
            local ttl = tonumber(ARGV[6])
            local started = not redis.call('ZSCORE', typists, user)
            if started then
              local last = redis.call('ZRANGE', typists, -1, -1, 'WITHSCORES')[2]
              redis.call('ZADD', typists, (tonumber(last) or 0) + 1, user)
            end
            redis.call('HSET', names, user, ARGV[4])
            redis.call('ZADD', deadlines, ARGV[5], room .. ':' .. user)
            keep(typists, ttl)
            keep(names, ttl)
            keep(deadlines, ttl)
            return {started and 1 or 0}
            """);

    // ARGV: prefix, room, user. Returns 1 when the user was typing.
    private static final RedisScript STOP = new RedisScript(ROOM_KEYS + """
            local removed = redis.call('ZREM', typists, user)
            redis.call('HDEL', names, user)
            redis.call('ZREM', deadlines, room .. ':' .. user)
            return {removed}
            """);

    // ARGV: prefix, room. Returns user id and username of each typist, in start order.
    private static final RedisScript TYPERS = new RedisScript(ROOM_KEYS + """
            local result = {}
            for _, typist in ipairs(redis.call('ZRANGE', typists, 0, -1)) do
              table.insert(result, typist)
              table.insert(result, redis.call('HGET', names, typist) or '')
            end
            return result
            """);

    // ARGV: prefix, now, batch. Returns how many entries lapsed, then room, user id and username of
    // each. Only the run that deletes an entry returns it: exactly once, whoever calls.
    private static final RedisScript EXPIRE = new RedisScript("""
            local prefix = ARGV[1]
            local deadlines = prefix .. 'typing:deadlines'
            local lapsed = redis.call('ZRANGEBYSCORE', deadlines, '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])
            local result = {#lapsed}
            for _, entry in ipairs(lapsed) do
              redis.call('ZREM', deadlines, entry)
              local colon = string.find(entry, ':', 1, true)
              local room, user = string.sub(entry, 1, colon - 1), string.sub(entry, colon + 1)
              local typists, names = prefix .. 'typing:' .. room, prefix .. 'typing:' .. room .. ':names'
              if redis.call('ZREM', typists, user) == 1 then
                table.insert(result, room)
                table.insert(result, user)
                table.insert(result, redis.call('HGET', names, user) or '')
                redis.call('HDEL', names, user)
              end
            end
            return result
            """);

    private final Redis redis;
    private final String prefix;

    /** Over the instance's Redis link, which the caller closes; every key starts with {@code prefix}. */
    public RedisTypingState(Redis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** Redis's own {@code TIME}, one round trip. */
    @Override
    public Instant now() {
        return RedisClock.now(redis);
    }

    @Override
    public boolean start(long roomId, UserRef user, Instant until) {
        var reply = START.run(
                redis,
                prefix,
                Long.toString(roomId),
                Long.toString(user.id()),
                user.username(),
                epochMillis(until),
                timeToLive(until));
        return (Long) reply.get(0) == 1;
    }

    @Override
    public boolean stop(long roomId, long userId) {
        return (Long) STOP.run(redis, prefix, Long.toString(roomId), Long.toString(userId))
                        .get(0)
                == 1;
    }

    @Override
    public List<UserRef> typers(long roomId) {
        var reply = TYPERS.run(redis, prefix, Long.toString(roomId));
        var typers = new ArrayList<UserRef>();
        for (int i = 0; i < reply.size(); i += 2) {
            typers.add(new UserRef(Long.parseLong((String) reply.get(i)), (String) reply.get(i + 1)));
        }
        return typers;
    }

    @Override
    public List<Entry> expire(Instant now) {
        var reply = EXPIRE.drain(redis, BATCH, prefix, epochMillis(now));
        var expired = new ArrayList<Entry>();
        for (int i = 0; i < reply.size(); i += 3) {
            var user = new UserRef(Long.parseLong((String) reply.get(i + 1)), (String) reply.get(i + 2));
            expired.add(new Entry(Long.parseLong((String) reply.get(i)), user));
        }
        return expired;
    }
}
