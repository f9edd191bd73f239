package dev.parley.bench.scenario;

import dev.parley.bench.measure.Slot;
import dev.parley.bench.measure.Step;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.StepTable;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.Cast;
import dev.parley.bench.target.Fleet;
import dev.parley.bench.target.Layout;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: many small rooms, everyone talking: R rooms of M members, each member sending 1, 2,
 * 4… messages per second until a step fails. Every message is stored, so this is as much about
 * writes as about fan-out.
 */
public final class ManyRooms implements Scenario {

    @Override
    public String name() { return "manyrooms"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int rooms = c.size(200, 20), size = c.size(10, 5);
        double seconds = c.seconds(6, 2);
        int maxRate = c.size(32, 4);
        Report report = new Report(name(), "Many rooms: " + rooms + " rooms × " + size + " members, everyone sending", c.quick());
        report.note(rooms * size + " members, one socket each, every member sending at the step's rate to its own room; "
                + "after an " + Fmt.n(c.seconds(8, 2)) + " s warm-up at 1 msg/s, the rate per member doubles from 1 msg/s (" + Fmt.n(seconds) + " s steps) until a step fails. "
                + "Deliveries count the " + (size - 1) + " other members of the room.");
        Map<String, List<StepResult>> all = new LinkedHashMap<>();
        for (Target t : bench.trio()) {
            List<StepResult> steps = bench.with(t, report, target -> run(target, rooms, size, seconds, maxRate, c.seconds(8, 2)));
            if (steps != null) all.put(t.name(), steps);
        }
        List<StepResult> flat = new ArrayList<>();
        all.values().forEach(flat::addAll);
        report.table(StepTable.of("Every step (step = messages per second per member)", flat));
        Table best = report.table(new Table("Highest sustainable step", "target", "per member", "messages/s", "deliveries/s",
                "p50 ms", "p99 ms", "ack p50 ms", "ack p99 ms", "server µs/message", "server µs/delivery", "server CPU", "loadgen CPU", "what stopped it"));
        all.forEach((name, steps) -> Best.passing(steps).ifPresentOrElse(s -> {
            best.row(name, s.label(), Fmt.n(s.ackedPerSec()), Fmt.n(s.deliveriesPerSec()), Fmt.ms(s.latency().p50()),
                    Fmt.ms(s.latency().p99()), Fmt.ms(s.ack().p50()), Fmt.ms(s.ack().p99()), Fmt.d1(s.serverUsPerMessage()),
                    Fmt.d2(s.serverUsPerDelivery()), Fmt.cpu(s.serverCpuPct(), s.serverKernelShare()), Fmt.cpu(s.loadgenCpuPct(), s.loadgenKernelShare()),
                    Best.limit(steps, 1));
            report.headline.put(name + ".messagesPerSec", s.ackedPerSec());
            report.headline.put(name + ".deliveriesPerSec", s.deliveriesPerSec());
            report.headline.put(name + ".usPerDelivery", s.serverUsPerDelivery());
        }, () -> best.row(name, "–", "none passed", "", "", "", "", "", "", "", "", "", Best.limit(steps, 1))));
        Table r = report.table(new Table("Ratios", "comparison", "sustainable deliveries/s", "server µs/delivery (lower is better)"));
        var h = report.headline;
        r.row("Parley / peer", Fmt.ratio(Ratios.get(h, "parley.deliveriesPerSec"), Ratios.get(h, "peer.deliveriesPerSec")),
                Fmt.ratio(Ratios.get(h, "parley.usPerDelivery"), Ratios.get(h, "peer.usPerDelivery")));
        r.row("Parley / bare Jetty", Fmt.ratio(Ratios.get(h, "parley.deliveriesPerSec"), Ratios.get(h, "jetty.deliveriesPerSec")),
                Fmt.ratio(Ratios.get(h, "parley.usPerDelivery"), Ratios.get(h, "jetty.usPerDelivery")));
        report.data.put("steps", all);
        return report;
    }

    private static StepResult step(Target target, Receiver receiver, List<Slot> slots, double rate, double seconds) {
        String label = (rate == Math.rint(rate) ? Fmt.n(rate) : Fmt.d1(rate)) + "/s";
        StepResult r = Step.paced(label, target, receiver, List.of(new Step.Plan(slots, slots.size() * rate)), seconds, -1);
        System.out.printf("  %-8s %6s per member → %9s deliveries/s  p50 %s ms  p99 %s ms  server %s  loadgen %s  %s%n",
                target.name(), label, Fmt.n(r.deliveriesPerSec()), Fmt.ms(r.latency().p50()), Fmt.ms(r.latency().p99()),
                Fmt.pct(r.serverCpuPct()), Fmt.pct(r.loadgenCpuPct()), r.verdict());
        return r;
    }

    /** Opens one socket per member and hands every socket's slot (its own room) to the work. */
    static <T> T withSlots(Target target, Receiver receiver, int rooms, int size, java.util.function.Function<List<Slot>, T> work) {
        Cast cast = target.prepare(Layout.disjointRooms(rooms, size));
        List<Fleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u < rooms * size; u++) specs.add(new Fleet.Spec(u, 0));
        try (Fleet fleet = Fleet.open(target, cast, specs, receiver, 300)) {
            List<Slot> slots = new ArrayList<>();
            for (ChatSocket s : fleet.sockets()) {
                long room = cast.roomIdsOf(s.user).get(0);
                slots.add(new Slot(s, room, fleet.receivers(room, s.user)));
            }
            return work.apply(slots);
        }
    }

    private static List<StepResult> run(Target target, int rooms, int size, double seconds, int maxRate, double warmUp) {
        Receiver receiver = new Receiver();
        return withSlots(target, receiver, rooms, size, slots -> {
            int n = slots.size();
            Step.paced("warm-up", target, receiver, List.of(new Step.Plan(slots, n)), warmUp, -1);
            List<StepResult> out = new ArrayList<>();
            double lastPass = 0;
            for (double rate = 1; rate <= maxRate; rate *= 2) {
                StepResult r = step(target, receiver, slots, rate, seconds);
                out.add(r);
                if (!r.pass()) {
                    // one step between the last pass and this failure
                    double mid = Math.round(Math.sqrt(Math.max(lastPass, 0.5) * rate) * 10) / 10.0;
                    if (mid > lastPass && mid < rate) out.add(step(target, receiver, slots, mid, seconds));
                    break;
                }
                lastPass = rate;
            }
            return out;
        });
    }
}
