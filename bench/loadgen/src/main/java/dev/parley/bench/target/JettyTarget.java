package dev.parley.bench.target;

import dev.parley.bench.Config;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Clients;
import dev.parley.bench.net.ParleyWire;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.proc.Jvm;
import dev.parley.bench.proc.Ports;
import dev.parley.bench.proc.ServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The bare-Jetty ceiling ({@code dev.parley.bench.BareJetty}) from the load generator's own jar, with Parley's JVM flags. */
public final class JettyTarget implements Target {

    private final Config config;
    private final Clients clients;
    private final ParleyWire wire = new ParleyWire(false);
    private final String name;
    private final Map<String, String> env;
    private ServerProcess server;

    public JettyTarget(Config config, Clients clients) {
        this(config, clients, "jetty", Map.of());
    }

    /** @param env extra environment, e.g. {@code BARE_FAULT} for the self-check */
    public JettyTarget(Config config, Clients clients, String name, Map<String, String> env) {
        this.config = config;
        this.clients = clients;
        this.name = name;
        this.env = env;
    }

    @Override public String name() { return name; }
    @Override public int instances() { return 1; }

    @Override
    public void start() {
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(config.javaOpts());
        cmd.addAll(List.of("-cp", config.loadgenJar().toString(), "dev.parley.bench.BareJetty"));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", Integer.toString(port));
        server = ServerProcess.start(name, cmd, all, config.repo(), config.log(name), port, config.serverCpus());
        server.awaitHealthy(Duration.ofSeconds(60));
    }

    @Override
    public Cast prepare(Layout layout) {
        Member[] members = new Member[layout.users()];
        for (int u = 0; u < members.length; u++) members[u] = new Member(u, u + 1, "u" + (u + 1), null);
        long[] rooms = new long[layout.rooms().size()];
        for (int r = 0; r < rooms.length; r++) rooms[r] = r + 1;
        return new Cast(layout, members, rooms);
    }

    @Override
    public CompletableFuture<ChatSocket> open(Cast cast, Member member, int instance, Receiver receiver) {
        ChatSocket socket = new ChatSocket(member.user(), instance, null, wire, receiver);
        URI uri = URI.create("ws://127.0.0.1:" + server.port + "/ws?user=" + member.userId());
        return JoinAll.after(clients.connect(socket, uri, Map.of(), null).thenCompose(ChatSocket::ready),
                cast.roomIdsOf(member.user()));
    }

    @Override public long cpuMicros() { return server.cpuMicros(); }

    @Override
    public Memory memory() {
        return new Memory(server.rssBytes(), Jvm.heapAfterGc(server.pid()));
    }

    @Override public List<Long> pids() { return List.of(server.pid()); }

    public ServerProcess server() { return server; }

    @Override
    public void close() {
        if (server != null) server.close();
        server = null;
    }
}
