package dev.parley.cluster;

import dev.parley.chat.ClusterUnavailable;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script, which Redis runs atomically. It is sent by its SHA-1 digest, and in full when Redis
 * does not know it (a restarted Redis has forgotten every script). Every failure to get an answer
 * becomes {@link ClusterUnavailable}.
 *
 * <p>Scripts take the key prefix as their first argument and build their keys from it, so they
 * need a single Redis server (with or without replicas), not Redis Cluster.
 */
final class RedisScript {

    /**
     * Keys outlive the latest deadline written to them by this much, so that nothing stays
     * forever when every instance is gone, and a stalled Redis does not drop live entries.
     */
    static final Duration SPARE = Duration.ofMinutes(10);

    /** Lua every script may call: {@code keep} makes a key live at least {@code millis} more. */
    private static final String PRELUDE = """
            local function keep(key, millis)
              if redis.call('PTTL', key) < millis then redis.call('PEXPIRE', key, millis) end
            end
            """;

    private static final String[] NO_KEYS = {};

    private final String text;
    private final String digest;

    RedisScript(String body) {
        text = PRELUDE + body;
        digest = sha1(text);
    }

    /** Runs the script, which returns a Lua table. */
    List<Object> run(Redis link, String... args) {
        link.check();
        var redis = link.commands.sync();
        try {
            try {
                return redis.evalsha(digest, ScriptOutputType.MULTI, NO_KEYS, args);
            } catch (RedisNoScriptException forgotten) {
                return redis.eval(text, ScriptOutputType.MULTI, NO_KEYS, args);
            }
        } catch (RedisException e) {
            throw new ClusterUnavailable("Redis failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the script once per batch of {@code items}, each run given {@code head} then the batch,
     * so that no run holds Redis for long; returns what the runs returned, in order.
     *
     * <p>When Redis fails after the first run, returns what the earlier runs returned rather than
     * throwing, so that no caller loses the news of a run that took effect; the rest is left to
     * the next call.
     */
    List<Object> runInBatches(Redis connection, List<String> head, List<String> items, int size) {
        var results = new ArrayList<Object>();
        for (int from = 0; from < items.size(); from += size) {
            var args = new ArrayList<>(head);
            args.addAll(items.subList(from, Math.min(from + size, items.size())));
            try {
                results.addAll(run(connection, args.toArray(String[]::new)));
            } catch (ClusterUnavailable e) {
                if (from == 0) throw e;
                break;
            }
        }
        return results;
    }

    /**
     * Runs a script that removes at most {@code batch} items a run (its last argument) and returns
     * how many it removed, then what the caller gets; runs it again until it removes fewer. Returns
     * what the runs returned but the counts; like {@link #runInBatches}, a failure after the first
     * run ends it quietly.
     */
    List<Object> drain(Redis connection, int batch, String... args) {
        String[] withBatch = Arrays.copyOf(args, args.length + 1);
        withBatch[args.length] = Integer.toString(batch);
        var results = new ArrayList<Object>();
        for (boolean first = true; ; first = false) {
            List<Object> reply;
            try {
                reply = run(connection, withBatch);
            } catch (ClusterUnavailable e) {
                if (first) throw e;
                return results;
            }
            results.addAll(reply.subList(1, reply.size()));
            if ((Long) reply.get(0) < batch) return results;
        }
    }

    static String epochMillis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /**
     * How long a key holding a deadline should live, in milliseconds. The deadline counts on
     * Redis's clock and this is measured on this machine's, so a skew between the two only moves
     * when an abandoned key goes, within {@link #SPARE}: a deadline already past still gets it.
     */
    static String timeToLive(Instant deadline) {
        long left = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
        return Long.toString(left + SPARE.toMillis());
    }

    private static String sha1(String text) {
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
