package dev.parley.bench.scenario;

import dev.parley.bench.Config;
import dev.parley.bench.net.Clients;
import dev.parley.bench.report.Report;
import dev.parley.bench.target.JettyTarget;
import dev.parley.bench.target.ParleyTarget;
import dev.parley.bench.target.PeerTarget;
import dev.parley.bench.target.Seeds;
import dev.parley.bench.target.Target;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What scenarios share: the configuration, the WebSocket client, which target families to run
 * (parley, peer, jetty) and a way to run a target that always stops its processes, and records a
 * failure in the report instead of ending the whole benchmark.
 */
public final class Bench {

    public final Config config;
    public final Clients clients;
    private final Seeds seeds;
    private final Set<String> families;

    public Bench(Config config, Clients clients, Seeds seeds, Set<String> families) {
        this.config = config;
        this.clients = clients;
        this.seeds = seeds;
        this.families = families;
    }

    public boolean wants(String family) {
        if (!families.contains(family)) return false;
        if (family.equals("peer") && !peerInstalled()) {
            System.out.println("(skipping the peer: bench/peer/server.js or its node_modules is missing)");
            return false;
        }
        return true;
    }

    public boolean peerInstalled() {
        return Files.exists(config.peerDir().resolve("server.js")) && Files.isDirectory(config.peerDir().resolve("node_modules"));
    }

    public ParleyTarget parley() { return parley("parley", ParleyTarget.Store.SQLITE, 1, false); }

    public ParleyTarget parley(String name, ParleyTarget.Store store, int instances, boolean redis) {
        return new ParleyTarget(config, clients, seeds, name, store, instances, redis, List.of());
    }
    public PeerTarget peer() { return PeerTarget.single(config, clients); }
    public JettyTarget jetty() { return new JettyTarget(config, clients); }

    /** The single-instance targets of the families asked for, in report order. */
    public List<Target> trio() {
        List<Target> out = new java.util.ArrayList<>();
        if (wants("parley")) out.add(parley());
        if (wants("peer")) out.add(peer());
        if (wants("jetty")) out.add(jetty());
        return out;
    }

    /** Starts the target, runs the work, stops it; a failure becomes a note and a null result. */
    public <R> R with(Target target, Report report, Function<Target, R> work) {
        System.out.println("\n== " + report.scenario + " on " + target.name());
        try {
            target.start();
            return work.apply(target);
        } catch (RuntimeException e) {
            String msg = target.name() + " failed: " + e.getMessage();
            System.out.println("!! " + msg);
            e.printStackTrace(System.out);
            report.note("**" + msg + "**");
            return null;
        } finally {
            target.close();
        }
    }
}
