package dev.parley.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Config;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Clients;
import dev.parley.bench.net.Http;
import dev.parley.bench.net.ParleyWire;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.proc.Jvm;
import dev.parley.bench.proc.Ports;
import dev.parley.bench.proc.Postgres;
import dev.parley.bench.proc.Redis;
import dev.parley.bench.proc.ServerProcess;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Parley from its jar: one or more instances on fresh data (SQLite in a temp DATA_DIR, or a fresh
 * PostgreSQL database), sharing a JWT secret and, when asked, a private Redis. Users register over
 * {@link Seeds} (registered once, copied into each fresh store, signed in by refresh token), rooms
 * are created and joined over HTTP, and sockets speak the JSON protocol with a bearer token.
 */
public final class ParleyTarget implements Target {

    public enum Store { SQLITE, POSTGRES }

    static final String PASSWORD = "bench-password-1";

    /**
     * Limits lifted for scenarios that measure throughput: one address signs up thousands, a few
     * people post hundreds of messages a second. Only the flood scenario keeps the defaults.
     */
    static final Map<String, String> UNLIMITED = Map.of(
            "MESSAGE_RATE", "1000000/s", "TYPING_RATE", "1000000/s", "JOIN_RATE", "1000000/s",
            "ROOM_CREATE_RATE", "1000000/s", "API_RATE", "1000000/s", "MAX_SOCKETS_PER_PERSON", "100000",
            "SOCKET_OPEN_RATE", "1000000/s",
            "LOGIN_RATE_PER_ADDRESS", "1000000/s", "SIGNUP_RATE_PER_ADDRESS", "1000000/s",
            // Setup signs up from several threads at once on a busy machine: no hash may be turned away.
            "HASH_CONCURRENCY", "64");
    private static final int REGISTER_THREADS = 4;

    private final Config config;
    private final Clients clients;
    private final Store store;
    private final Seeds seeds;
    private Seeds.Seed seed;
    private final int instances;
    private final boolean redis;
    private final List<String> extraJvm;
    private final String name;
    private final ParleyWire wire = new ParleyWire(true);
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();
    private Postgres postgres;
    private Redis redisServer;
    private boolean productionLimits;

    public ParleyTarget(Config config, Clients clients, Seeds seeds, String name, Store store, int instances, boolean redis,
                        List<String> extraJvm) {
        this.seeds = seeds;
        this.config = config;
        this.clients = clients;
        this.name = name;
        this.store = store;
        this.instances = instances;
        this.redis = redis;
        this.extraJvm = extraJvm;
    }

    static String username(int user) {
        return String.format("u%05d", user);
    }

    /** Runs with Parley's default per-person limits, as deployed (setup still signs up past them). */
    public ParleyTarget withProductionLimits() {
        productionLimits = true;
        return this;
    }

    @Override public String name() { return name; }
    @Override public int instances() { return instances; }

    @Override
    public void start() {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        seed = store == Store.POSTGRES ? seeds.postgres() : seeds.sqlite();
        if (store == Store.POSTGRES) postgres = Postgres.create(name.replaceAll("[^a-z0-9]", ""), seed.template());
        if (redis) redisServer = Redis.start(config.log(name + "-redis"), config.serverCpus());
        for (int i = 0; i < instances; i++) {
            int port = Ports.free();
            Path dataDir = config.freshDir(name + "-data");
            dataDirs.add(dataDir);
            if (store == Store.SQLITE) Seeds.copy(seed.dataDir(), dataDir);
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "PORT", Integer.toString(port),
                    "DATA_DIR", dataDir.toString(),
                    "JWT_SECRET", secret));
            if (!productionLimits) env.putAll(UNLIMITED);
            if (postgres != null) env.put("DATABASE_URL", postgres.jdbcUrl());
            if (redisServer != null) env.put("REDIS_URL", redisServer.url());
            List<String> cmd = new ArrayList<>(List.of("java"));
            cmd.addAll(config.javaOpts());
            cmd.addAll(extraJvm);
            cmd.addAll(List.of("-jar", config.parleyJar().toString()));
            // Listed before the health check, so close() stops it even when it never becomes healthy.
            ServerProcess server = ServerProcess.start(name + "#" + i, cmd, env, config.repo(), config.log(name + "-" + i), port,
                    config.serverCpus());
            servers.add(server);
            server.awaitHealthy(Duration.ofSeconds(90));
        }
    }

    @Override
    public Cast prepare(Layout layout) {
        Http http = new Http(servers.get(0).url());
        long t0 = System.nanoTime();
        List<Seeds.User> seeded = seed.users();
        List<Member> members = Parallel.map(layout.users(), REGISTER_THREADS, u -> {
            if (u < seeded.size()) {
                Seeds.User s = seeded.get(u);
                JsonNode t = http.post("/api/auth/refresh", null, Map.of("refreshToken", s.refreshToken()));
                return new Member(u, s.id(), s.username(), t.path("accessToken").asText());
            }
            String username = username(u);
            JsonNode t = http.post("/api/auth/register", null, Map.of("username", username, "password", PASSWORD));
            return new Member(u, t.path("user").path("id").asLong(), username, t.path("accessToken").asText());
        });
        long[] roomIds = new long[layout.rooms().size()];
        for (int r = 0; r < roomIds.length; r++) {
            int[] users = layout.rooms().get(r);
            JsonNode room = http.post("/api/rooms", members.get(users[0]).token(), Map.of("name", "bench-" + r, "private", false));
            roomIds[r] = room.path("id").asLong();
        }
        List<long[]> joins = new ArrayList<>();
        for (int r = 0; r < roomIds.length; r++) {
            int[] users = layout.rooms().get(r);
            for (int i = 1; i < users.length; i++) joins.add(new long[] {roomIds[r], users[i]});
        }
        Parallel.map(joins.size(), REGISTER_THREADS, j -> http.post("/api/rooms/" + joins.get(j)[0] + "/join",
                members.get((int) joins.get(j)[1]).token(), Map.of()));
        System.out.printf("  %s: %d users signed in (%d seeded), %d rooms made and joined in %.1f s%n", name, layout.users(),
                Math.min(layout.users(), seeded.size()), roomIds.length,
                (System.nanoTime() - t0) / 1e9);
        return new Cast(layout, members.toArray(Member[]::new), roomIds);
    }

    @Override
    public CompletableFuture<ChatSocket> open(Cast cast, Member member, int instance, Receiver receiver) {
        ChatSocket socket = new ChatSocket(member.user(), instance, member.token(), wire, receiver);
        URI uri = URI.create("ws://127.0.0.1:" + servers.get(instance).port + "/ws");
        return clients.connect(socket, uri, Map.of("Authorization", "Bearer " + member.token()), "parley.json")
                .thenCompose(ChatSocket::ready);
    }

    @Override
    public long cpuMicros() {
        long sum = servers.stream().mapToLong(ServerProcess::cpuMicros).sum();
        return redisServer == null ? sum : sum + redisServer.cpuMicros();
    }

    @Override
    public Memory memory() {
        long heap = 0, rss = 0;
        for (ServerProcess s : servers) {
            heap += Jvm.heapAfterGc(s.pid());
            rss += s.rssBytes();
        }
        return new Memory(rss, heap);
    }

    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(servers.stream().map(ServerProcess::pid).toList());
        if (redisServer != null) pids.add(redisServer.pid());
        return pids;
    }

    /** The first instance's data directory (its SQLite database is {@code parley.db} there). */
    public Path dataDir() {
        return dataDirs.get(0);
    }

    /** The PostgreSQL database of this target, or null on SQLite. */
    public String postgresDatabase() {
        return postgres == null ? null : postgres.name();
    }

    public List<ServerProcess> servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
        servers.clear();
        dataDirs.forEach(Config::delete);
        dataDirs.clear();
        if (redisServer != null) redisServer.close();
        if (postgres != null) postgres.close();
        redisServer = null;
        postgres = null;
    }
}
