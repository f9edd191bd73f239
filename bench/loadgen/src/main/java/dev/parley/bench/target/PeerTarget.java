package dev.parley.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.bench.Config;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Clients;
import dev.parley.bench.net.Http;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.net.SocketIoWire;
import dev.parley.bench.proc.Ports;
import dev.parley.bench.proc.Redis;
import dev.parley.bench.proc.ServerProcess;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Socket.IO reference peer ({@code node bench/peer/server.js}) on a fresh SQLite file, one or
 * more instances. Its design keeps presence and typing in Redis and always runs the Redis
 * adapter, so every run gets a private redis-server, whose CPU counts as the peer's. Tokens are
 * minted here with the shared secret; rooms are created by joining them.
 */
public final class PeerTarget implements Target {

    private final Config config;
    private final Clients clients;
    private final String name;
    private final int instances;
    private final SocketIoWire wire = new SocketIoWire();
    private final List<ServerProcess> servers = new ArrayList<>();
    private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    private Redis redisServer;
    private java.nio.file.Path dbDir;

    public PeerTarget(Config config, Clients clients, String name, int instances) {
        this.config = config;
        this.clients = clients;
        this.name = name;
        this.instances = instances;
    }

    public static PeerTarget single(Config config, Clients clients) {
        return new PeerTarget(config, clients, "peer", 1);
    }

    @Override public String name() { return name; }
    @Override public int instances() { return instances; }

    @Override
    public void start() {
        redisServer = Redis.start(config.log(name + "-redis"), config.serverCpus());
        dbDir = config.freshDir(name + "-db");
        String db = dbDir.resolve("peer.db").toString();
        String prefix = "bench-" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < instances; i++) {
            int port = Ports.free();
            Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "JWT_SECRET", secret,
                    "DB_PATH", db, "KEY_PREFIX", prefix));
            env.put("REDIS_URL", redisServer.url());
            // Listed before the health check, so close() stops it even when it never becomes healthy.
            ServerProcess server = ServerProcess.start(name + "#" + i, List.of("node", "--expose-gc", "server.js"), env,
                    config.peerDir(), config.log(name + "-" + i), port, config.serverCpus());
            servers.add(server);
            server.awaitHealthy(Duration.ofSeconds(60));
        }
    }

    @Override
    public Cast prepare(Layout layout) {
        Member[] members = new Member[layout.users()];
        for (int u = 0; u < members.length; u++) {
            String username = String.format("u%05d", u);
            members[u] = new Member(u, u + 1, username, token(u + 1, username));
        }
        long[] rooms = new long[layout.rooms().size()];
        for (int r = 0; r < rooms.length; r++) rooms[r] = r + 1;
        return new Cast(layout, members, rooms);
    }

    private String token(long userId, String username) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("userId", userId).claim("username", username).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<ChatSocket> open(Cast cast, Member member, int instance, Receiver receiver) {
        ChatSocket socket = new ChatSocket(member.user(), instance, member.token(), wire, receiver);
        URI uri = URI.create("ws://127.0.0.1:" + servers.get(instance).port + "/socket.io/?EIO=4&transport=websocket");
        return JoinAll.after(clients.connect(socket, uri, Map.of(), null).thenCompose(ChatSocket::ready),
                cast.roomIdsOf(member.user()));
    }

    @Override
    public long cpuMicros() {
        long sum = servers.stream().mapToLong(ServerProcess::cpuMicros).sum();
        return redisServer == null ? sum : sum + redisServer.cpuMicros();
    }

    /**
     * RSS of every instance (not its Redis); live memory after {@code global.gc()} from
     * {@code GET /bench/memory}: the V8 heap plus memory outside it held by JS objects (Buffers).
     */
    @Override
    public Memory memory() {
        long rss = 0, heap = 0;
        for (ServerProcess s : servers) {
            try {
                JsonNode m = new Http(s.url()).get("/bench/memory");
                Thread.sleep(2000);
                heap = heap < 0 ? -1 : heap + m.path("heapUsed").asLong() + m.path("external").asLong();
            } catch (RuntimeException e) {
                heap = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    public List<ServerProcess> servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
        servers.clear();
        Config.delete(dbDir);
        dbDir = null;
        if (redisServer != null) redisServer.close();
        redisServer = null;
    }
}
