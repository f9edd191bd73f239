package dev.parley.bench.scenario;

import dev.parley.bench.measure.StepResult;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.ParleyTarget;
import dev.parley.bench.target.PeerTarget;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5: the fan-out room with its members split over two instances that share a database
 * and a Redis, against the same room on one instance of the same setup, at a few fixed rates:
 * what crossing instances adds to latency. The sender's sockets are on instance 0.
 */
public final class CrossInstance implements Scenario {

    @Override
    public String name() { return "cross"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int members = c.size(500, 50);
        double seconds = c.seconds(6, 2);
        // Two JVMs share one core here: after 8 s their JITs were still most of its CPU.
        double warmUp = c.seconds(30, 2);
        double[] rates = c.quick() ? new double[] {20, 60} : new double[] {25, 50, 100, 250};
        Report report = new Report(name(), "Across instances: 1 room × " + members + " members on one and on two instances", c.quick());
        report.note("Parley runs on PostgreSQL with a private Redis (REDIS_URL) and a shared JWT_SECRET, as one instance and as two; "
                + "the peer runs on one SQLite file with its Redis adapter, as one instance and as two. With two instances members "
                + "alternate between them and the sender's sockets are on instance 0, so half the deliveries cross. Rates are fixed "
                + "(" + java.util.Arrays.toString(rates) + " msg/s, " + Fmt.n(seconds) + " s each, after a " + Fmt.n(warmUp)
                + " s warm-up at the first rate, stopping at a failed step). "
                + "Server CPU adds up every instance and the Redis.");
        List<Target> targets = new ArrayList<>();
        if (bench.wants("parley")) {
            targets.add(bench.parley("parley×1", ParleyTarget.Store.POSTGRES, 1, true));
            targets.add(bench.parley("parley×2", ParleyTarget.Store.POSTGRES, 2, true));
        }
        if (bench.wants("peer")) {
            targets.add(new PeerTarget(c, bench.clients, "peer×1", 1));
            targets.add(new PeerTarget(c, bench.clients, "peer×2", 2));
        }
        Map<String, List<StepResult>> all = new LinkedHashMap<>();
        for (Target t : targets) {
            List<StepResult> steps = bench.with(t, report, target -> {
                try (FanOutRun run = new FanOutRun(target, members, bench)) {
                    run.step("warm-up", rates[0], warmUp);
                    List<StepResult> out = new ArrayList<>();
                    for (double rate : rates) {
                        StepResult r = run.step(Fmt.n(rate) + "/s", rate, seconds);
                        out.add(r);
                        if (!r.pass()) break;
                    }
                    return out;
                }
            });
            if (steps != null) all.put(t.name(), steps);
        }
        Table t = report.table(new Table("Steps", "target", "msg/s", "deliveries/s", "p50 ms", "p50 on #0 ms", "p50 on #1 ms",
                "p99 ms", "max ms", "lost", "server CPU", "server µs/delivery", "loadgen CPU", "others' CPU (PostgreSQL too)", "verdict"));
        all.forEach((name, steps) -> steps.forEach(s -> t.row(name, Fmt.n(s.offeredPerSec()), Fmt.n(s.deliveriesPerSec()),
                Fmt.ms(s.latency().p50()), Fmt.ms(s.latencyByInstance().get(0).p50()),
                name.endsWith("×2") ? Fmt.ms(s.latencyByInstance().get(1).p50()) : "–",
                Fmt.ms(s.latency().p99()), Fmt.ms(s.latency().max()), s.lost(), Fmt.pct(s.serverCpuPct()),
                Fmt.d2(s.serverUsPerDelivery()), Fmt.pct(s.loadgenCpuPct()), Fmt.pct(s.othersCpuPct()), s.verdict())));
        Table added = report.table(new Table("Added by crossing instances (two instances − one)", "server", "msg/s",
                "added p50 ms (all members)", "remote − local p50 ms (two instances)", "added p99 ms"));
        for (String family : List.of("parley", "peer")) {
            List<StepResult> one = all.get(family + "×1"), two = all.get(family + "×2");
            if (one == null || two == null) continue;
            boolean first = true;
            for (StepResult a : one) {
                for (StepResult b : two) {
                    if (a.offeredPerSec() != b.offeredPerSec() || !a.pass() || !b.pass()) continue;
                    long addedP50 = b.latency().p50() - a.latency().p50();
                    long remote = b.latencyByInstance().get(1).p50() - b.latencyByInstance().get(0).p50();
                    added.row(family, Fmt.n(a.offeredPerSec()), signed(addedP50), signed(remote), signed(b.latency().p99() - a.latency().p99()));
                    if (first) {
                        report.headline.put(family + ".addedP50us", (double) addedP50);
                        report.headline.put(family + ".remoteMinusLocalP50us", (double) remote);
                        first = false;
                    }
                }
            }
            if (first) added.row(family, "–", "no rate passed on both", "", "");
        }
        report.data.put("steps", all);
        return report;
    }

    private static String signed(long micros) {
        return (micros >= 0 ? "+" : "−") + Fmt.ms(Math.abs(micros));
    }
}
