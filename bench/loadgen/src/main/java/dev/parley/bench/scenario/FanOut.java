package dev.parley.bench.scenario;

import dev.parley.bench.measure.StepResult;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.StepTable;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: one room of N members, one sender, the rate stepped up until p99 passes 100 ms or
 * anything is lost: the highest sustainable deliveries per second of Parley, the peer and bare Jetty.
 */
public final class FanOut implements Scenario {

    @Override
    public String name() { return "fanout"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int members = c.size(500, 50);
        double seconds = c.seconds(6, 2);
        double start = c.seconds(20, 40);
        int maxSteps = c.size(16, 3);
        Report report = new Report(name(), "Fan-out: 1 room × " + members + " members, one sender", c.quick());
        report.note("One sender posts to a room of " + members + " members (" + (members - 1) + " receiving sockets). "
                + "After a " + Fmt.n(c.seconds(10, 2)) + " s warm-up (JIT), the rate starts at " + Fmt.n(start) + " msg/s and grows ×1.5 per " + Fmt.n(seconds) + " s step until a step's "
                + "p99 (or the ack p99) passes 100 ms or anything is lost, refused or unacked; two more steps then bisect between the last "
                + "pass and the failure. "
                + "Only deliveries to members other than the sender count. The sender spreads its sends over ceil(rate / 40) "
                + "sockets of its own (Parley allows 50 frames/s per socket), for every target alike.");
        Map<String, List<StepResult>> all = new LinkedHashMap<>();
        for (Target t : bench.trio()) {
            List<StepResult> steps = bench.with(t, report, target -> {
                try (FanOutRun run = new FanOutRun(target, members, bench)) {
                    return run.stepUp(start, 1.5, maxSteps, seconds, c.seconds(10, 2));
                }
            });
            if (steps != null) all.put(t.name(), steps);
        }
        List<StepResult> flat = new ArrayList<>();
        all.values().forEach(flat::addAll);
        report.table(StepTable.of("Every step", flat));
        Table best = report.table(new Table("Highest sustainable step", "target", "msg/s", "deliveries/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "ack p50 ms", "ack p99 ms", "server µs/delivery", "server CPU", "loadgen CPU", "what stopped it"));
        all.forEach((name, steps) -> Best.passing(steps).ifPresentOrElse(s -> {
            best.row(name, Fmt.n(s.offeredPerSec()), Fmt.n(s.deliveriesPerSec()), Fmt.ms(s.latency().p50()), Fmt.ms(s.latency().p95()),
                    Fmt.ms(s.latency().p99()), Fmt.ms(s.latency().max()), Fmt.ms(s.ack().p50()), Fmt.ms(s.ack().p99()),
                    Fmt.d2(s.serverUsPerDelivery()), Fmt.cpu(s.serverCpuPct(), s.serverKernelShare()), Fmt.cpu(s.loadgenCpuPct(), s.loadgenKernelShare()),
                    Best.limit(steps, 1));
            report.headline.put(name + ".deliveriesPerSec", s.deliveriesPerSec());
            report.headline.put(name + ".usPerDelivery", s.serverUsPerDelivery());
            report.headline.put(name + ".p50us", (double) s.latency().p50());
        }, () -> best.row(name, "–", "none passed", "", "", "", "", "", "", "", "", "", Best.limit(steps, 1))));
        Ratios.fanOut(report, all);
        report.data.put("steps", all);
        return report;
    }
}
