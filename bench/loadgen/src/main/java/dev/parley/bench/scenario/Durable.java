package dev.parley.bench.scenario;

import dev.parley.bench.measure.Slot;
import dev.parley.bench.measure.Step;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.measure.WindowSender;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.Cast;
import dev.parley.bench.target.Fleet;
import dev.parley.bench.target.Layout;
import dev.parley.bench.target.ParleyTarget;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scenario 4: durable sends. Many users, each alone in a room, send as fast as acks come back
 * (a window of 4 per socket, at most 40/s per socket): acknowledged messages per second, which is
 * what the store sustains. Parley on SQLite and on PostgreSQL; the peer on its SQLite.
 */
public final class Durable implements Scenario {

    static final int WINDOW = 2;
    static final double PER_SOCKET = 40;

    @Override
    public String name() { return "durable"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int users = c.size(500, 20);
        double seconds = c.seconds(10, 3);
        // A JIT on one busy core is still compiling after 10 s; the measured step should be the steady state.
        double warmUp = c.seconds(30, 3);
        Report report = new Report(name(), "Durable sends: acknowledged messages per second", c.quick());
        report.note(users + " users, each alone in its own room with one socket, keep up to " + WINDOW + " sends waiting for their "
                + "ack and send at most " + Fmt.n(PER_SOCKET) + "/s each, for " + Fmt.n(seconds) + " s after " + Fmt.n(warmUp) + " s of the same load (JIT warm-up); the load "
                + "generator's cap is therefore " + Fmt.n(users * PER_SOCKET) + " msg/s. An ack means stored: Parley acks after its "
                + "commit (SQLite synchronous=FULL, or PostgreSQL), the peer after its better-sqlite3 insert (WAL, synchronous=NORMAL).");
        List<Target> targets = new ArrayList<>();
        if (bench.wants("parley")) {
            targets.add(bench.parley());
            targets.add(bench.parley("parley-pg", ParleyTarget.Store.POSTGRES, 1, false));
        }
        if (bench.wants("peer")) targets.add(bench.peer());
        Table t = report.table(new Table("Acknowledged sends", "target", "store", "acked msg/s", "ack p50 ms", "ack p95 ms",
                "ack p99 ms", "ack max ms", "refused", "unacked", "server CPU", "server µs/message", "loadgen CPU", "others' CPU (PostgreSQL too)", "note"));
        Map<String, StepResult> raw = new LinkedHashMap<>();
        for (Target target : targets) {
            StepResult r = bench.with(target, report, tg -> measure(tg, users, seconds, warmUp, Supplier::get));
            if (r == null) continue;
            raw.put(target.name(), r);
            String store = target.name().equals("parley-pg") ? "PostgreSQL" : "SQLite";
            boolean capped = r.ackedPerSec() > 0.95 * users * PER_SOCKET;
            t.row(target.name(), store, Fmt.n(r.ackedPerSec()), Fmt.ms(r.ack().p50()), Fmt.ms(r.ack().p95()), Fmt.ms(r.ack().p99()),
                    Fmt.ms(r.ack().max()), r.failed(), r.unacked(), Fmt.pct(r.serverCpuPct()), Fmt.d1(r.serverUsPerMessage()),
                    Fmt.pct(r.loadgenCpuPct()), Fmt.pct(r.othersCpuPct()), capped ? "at the load generator's cap" : r.pass() ? "" : r.verdict());
            report.headline.put(target.name() + ".ackedPerSec", r.ackedPerSec());
        }
        report.data.put("results", raw);
        return report;
    }

    /** @param around runs the measured step (the profile wraps a recording around it) */
    static StepResult measure(Target target, int users, double seconds, double warmUp,
                              Function<Supplier<StepResult>, StepResult> around) {
        Cast cast = target.prepare(Layout.disjointRooms(users, 1));
        Receiver receiver = new Receiver();
        List<Fleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u < users; u++) specs.add(new Fleet.Spec(u, 0));
        try (Fleet fleet = Fleet.open(target, cast, specs, receiver, 300)) {
            List<Slot> slots = new ArrayList<>();
            for (ChatSocket s : fleet.sockets()) slots.add(new Slot(s, cast.roomIdsOf(s.user).get(0), 0));
            int capacity = (int) (users * PER_SOCKET * (Math.max(seconds, warmUp) + 3)) + 64;
            Step.run("warm-up", target, receiver, capacity, -1, warmUp, 0, new WindowSender(slots, WINDOW, PER_SOCKET, warmUp, receiver));
            StepResult r = around.apply(() -> Step.run("closed loop", target, receiver, capacity, -1, seconds, users * PER_SOCKET,
                    new WindowSender(slots, WINDOW, PER_SOCKET, seconds, receiver)));
            System.out.printf("  %-10s %s acked msg/s, ack p50 %s ms, p99 %s ms, server %s, loadgen %s %s%n", target.name(),
                    Fmt.n(r.ackedPerSec()), Fmt.ms(r.ack().p50()), Fmt.ms(r.ack().p99()), Fmt.pct(r.serverCpuPct()),
                    Fmt.pct(r.loadgenCpuPct()), r.verdict());
            return r;
        }
    }
}
