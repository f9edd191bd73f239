package dev.parley.bench.report;

import dev.parley.bench.measure.StepResult;
import java.util.List;

/**
 * The usual table of measured steps: rate, latency, losses and CPU, one row per step. "Others' CPU"
 * is what the rest of the machine used meanwhile: on a shared machine, a step with much of it was
 * disturbed (in PostgreSQL runs it includes PostgreSQL itself).
 */
public final class StepTable {

    private StepTable() {}

    public static Table of(String title, List<StepResult> steps) {
        Table t = new Table(title, "target", "step", "offered msg/s", "deliveries/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "ack p50 ms", "ack p99 ms", "lost", "dup", "server CPU", "loadgen CPU", "others' CPU", "server µs/delivery", "verdict");
        for (StepResult s : steps) {
            t.row(s.target(), s.label(), Fmt.n(s.offeredPerSec()), Fmt.n(s.deliveriesPerSec()),
                    Fmt.ms(s.latency().p50()), Fmt.ms(s.latency().p95()), Fmt.ms(s.latency().p99()), Fmt.ms(s.latency().max()),
                    Fmt.ms(s.ack().p50()), Fmt.ms(s.ack().p99()), s.lost(), s.duplicates(),
                    Fmt.pct(s.serverCpuPct()), Fmt.pct(s.loadgenCpuPct()), Fmt.pct(s.othersCpuPct()), Fmt.d1(s.serverUsPerDelivery()),
                    s.verdict());
        }
        return t;
    }
}
