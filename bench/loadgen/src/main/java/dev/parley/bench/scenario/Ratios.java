package dev.parley.bench.scenario;

import dev.parley.bench.measure.StepResult;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Table;
import java.util.List;
import java.util.Map;

/** Parley against the peer and against bare Jetty, from the headline numbers of a stepped scenario. */
final class Ratios {

    private Ratios() {}

    static void fanOut(Report report, Map<String, List<StepResult>> all) {
        Map<String, Double> h = report.headline;
        Table t = report.table(new Table("Ratios", "comparison", "sustainable deliveries/s", "server µs/delivery (lower is better)"));
        t.row("Parley / peer", Fmt.ratio(get(h, "parley.deliveriesPerSec"), get(h, "peer.deliveriesPerSec")),
                Fmt.ratio(get(h, "parley.usPerDelivery"), get(h, "peer.usPerDelivery")));
        t.row("Parley / bare Jetty", Fmt.ratio(get(h, "parley.deliveriesPerSec"), get(h, "jetty.deliveriesPerSec")),
                Fmt.ratio(get(h, "parley.usPerDelivery"), get(h, "jetty.usPerDelivery")));
        common(report, all);
    }

    /** CPU per delivery at the highest rate every target passed: the like-for-like cost. */
    private static void common(Report report, Map<String, List<StepResult>> all) {
        if (all.size() < 2) return;
        java.util.Set<Double> common = null;
        for (List<StepResult> steps : all.values()) {
            java.util.Set<Double> passed = new java.util.HashSet<>();
            steps.stream().filter(StepResult::pass).forEach(s -> passed.add(s.offeredPerSec()));
            if (common == null) common = passed;
            else common.retainAll(passed);
        }
        if (common == null || common.isEmpty()) return;
        final double at = java.util.Collections.max(common);
        Table t = report.table(new Table("At the highest rate all passed (" + Fmt.n(at) + " msg/s)", "target", "deliveries/s",
                "p50 ms", "p99 ms", "server CPU", "server µs/delivery"));
        all.forEach((name, steps) -> steps.stream().filter(s -> s.offeredPerSec() == at && s.pass()).findFirst().ifPresent(s -> {
            t.row(name, Fmt.n(s.deliveriesPerSec()), Fmt.ms(s.latency().p50()), Fmt.ms(s.latency().p99()),
                    Fmt.pct(s.serverCpuPct()), Fmt.d2(s.serverUsPerDelivery()));
            report.headline.put(name + ".commonUsPerDelivery", s.serverUsPerDelivery());
        }));
    }

    static double get(Map<String, Double> h, String key) {
        Double v = h.get(key);
        return v == null ? -1 : v;
    }
}
