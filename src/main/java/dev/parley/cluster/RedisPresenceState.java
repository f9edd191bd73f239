package dev.parley.cluster;

import static dev.parley.cluster.RedisScript.epochMillis;
import static dev.parley.cluster.RedisScript.timeToLive;

import dev.parley.chat.PresenceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presence shared by every instance through Redis. Per user, a hash {@code presence:<user>} of
 * connection id → deadline (epoch millis): the user is online while it exists. Beside it, every
 * lease in one sorted set {@code presence:leases} ({@code <user>:<connection>} by deadline), which
 * {@link #expire} walks from the earliest. Each operation is a Lua script, atomic, run once per
 * {@link #BATCH} connections or leases; deadlines count to the millisecond.
 */
public final class RedisPresenceState implements PresenceState {

    /** Connections renewed, or leases expired, per script run. */
    static final int BATCH = 500;

    // ARGV: prefix, deadline, time to live, then pairs of connection id and user id.
    // Returns the users who had no lease.
    private static final RedisScript RENEW = new RedisScript("""
            local prefix, deadline, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local leases = prefix .. 'presence:leases'
            local cameOnline = {}
            for i = 4, #ARGV, 2 do
              local connection, user = ARGV[i], ARGV[i + 1]
              local mine = prefix .. 'presence:' .. user
              if redis.call('EXISTS', mine) == 0 then table.insert(cameOnline, user) end
              redis.call('HSET', mine, connection, deadline)
              redis.call('ZADD', leases, deadline, user .. ':' .. connection)
              keep(mine, ttl)
            end
            keep(leases, ttl)
            return cameOnline
            """);

    // ARGV: prefix, then user ids. Returns those online.
    private static final RedisScript ONLINE = new RedisScript("""
            local online = {}
            for i = 2, #ARGV do
              if redis.call('EXISTS', ARGV[1] .. 'presence:' .. ARGV[i]) == 1 then table.insert(online, ARGV[i]) end
            end
            return online
            """);

    // ARGV: prefix, now, batch. Returns how many leases lapsed, then the users left without one.
    // Only the run that deletes a user's last lease returns them: exactly once, whoever calls.
    private static final RedisScript EXPIRE = new RedisScript("""
            local prefix = ARGV[1]
            local leases = prefix .. 'presence:leases'
            local lapsed = redis.call('ZRANGEBYSCORE', leases, '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])
            local result = {#lapsed}
            for _, lease in ipairs(lapsed) do
              local colon = string.find(lease, ':', 1, true)
              local user, connection = string.sub(lease, 1, colon - 1), string.sub(lease, colon + 1)
              local mine = prefix .. 'presence:' .. user
              redis.call('ZREM', leases, lease)
              if redis.call('HDEL', mine, connection) == 1 and redis.call('EXISTS', mine) == 0 then
                table.insert(result, user)
              end
            end
            return result
            """);

    private final Redis redis;
    private final String prefix;

    /** Over the instance's Redis link, which the caller closes; every key starts with {@code prefix}. */
    public RedisPresenceState(Redis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** Redis's own {@code TIME}, one round trip. */
    @Override
    public Instant now() {
        return RedisClock.now(redis);
    }

    @Override
    public boolean connect(long userId, String connectionId, Instant until) {
        return !renew(Map.of(connectionId, userId), until).isEmpty();
    }

    @Override
    public Set<Long> renew(Map<String, Long> connections, Instant until) {
        var pairs = new ArrayList<String>();
        connections.forEach((connectionId, userId) -> {
            pairs.add(connectionId);
            pairs.add(userId.toString());
        });
        var head = List.of(prefix, epochMillis(until), timeToLive(until));
        return userIds(RENEW.runInBatches(redis, head, pairs, 2 * BATCH));
    }

    @Override
    public boolean isOnline(long userId) {
        return !online(List.of(userId)).isEmpty();
    }

    /** In one run: a partial answer would show people offline. */
    @Override
    public Set<Long> online(Collection<Long> userIds) {
        var args = new ArrayList<String>();
        args.add(prefix);
        userIds.forEach(id -> args.add(id.toString()));
        return userIds(ONLINE.run(redis, args.toArray(String[]::new)));
    }

    @Override
    public Set<Long> expire(Instant now) {
        return userIds(EXPIRE.drain(redis, BATCH, prefix, epochMillis(now)));
    }

    private static Set<Long> userIds(List<Object> reply) {
        var ids = new HashSet<Long>();
        reply.forEach(id -> ids.add(Long.valueOf((String) id)));
        return ids;
    }
}
