package dev.parley.bench.scenario;

import dev.parley.bench.measure.Slot;
import dev.parley.bench.measure.Step;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
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
 * Scenario 6: one flooding client. Everyone else talks at a steady pace in small rooms; then one
 * extra member of the first room sends as fast as the load generator lets it, from one socket.
 * What happens to everyone else's latency, and what the server does with the flood.
 */
public final class Flood implements Scenario {

    @Override
    public String name() { return "flood"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int rooms = c.size(50, 10), size = c.size(10, 5);
        double perMember = 1, seconds = c.seconds(8, 3), floodRate = c.size(2000, 500);
        Report report = new Report(name(), "A flooding client", c.quick());
        report.note(rooms + " rooms × " + size + " members each send " + Fmt.n(perMember) + " msg/s (" + Fmt.n(rooms * size * perMember)
                + " msg/s in all) for " + Fmt.n(seconds) + " s after a warm-up as long; then the same again while one extra member of room 1 sends "
                + Fmt.n(floodRate) + " send-message frames/s from a single socket. Victim latency covers everyone but the flooder. "
                + "Parley runs with its default limits: it refuses frames over 50/s per socket (bursts of 250) and messages over 10/s per person "
                + "(bursts of 20) with rate_limited; the peer has no such limit.");
        Table t = report.table(new Table("Victims without and with the flood", "target", "phase", "victim msg/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "victim lost", "flood sent/s", "flood accepted/s", "flood refused", "flood deliveries/s",
                "server CPU", "loadgen CPU", "others' CPU", "victims' verdict"));
        Map<String, List<StepResult>> raw = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        if (bench.wants("parley")) targets.add(bench.parley().withProductionLimits());
        if (bench.wants("peer")) targets.add(bench.peer());
        for (Target target : targets) {
            List<StepResult> steps = bench.with(target, report, tg -> measure(tg, rooms, size, perMember, seconds, floodRate));
            if (steps == null) continue;
            raw.put(target.name(), steps);
            for (StepResult s : steps) {
                t.row(target.name(), s.label(), Fmt.n(s.ackedPerSec()), Fmt.ms(s.latency().p50()), Fmt.ms(s.latency().p95()),
                        Fmt.ms(s.latency().p99()), Fmt.ms(s.latency().max()), s.lost(), Fmt.n(s.floodSent() / s.seconds()),
                        Fmt.n(s.floodAcked() / s.seconds()), s.floodSent() - s.floodAcked(), Fmt.n(s.floodDelivered() / s.seconds()),
                        Fmt.pct(s.serverCpuPct()), Fmt.pct(s.loadgenCpuPct()), Fmt.pct(s.othersCpuPct()), s.verdict());
            }
            report.headline.put(target.name() + ".victimP99BaseUs", (double) steps.get(0).latency().p99());
            report.headline.put(target.name() + ".victimP99FloodUs", (double) steps.get(steps.size() - 1).latency().p99());
        }
        report.data.put("steps", raw);
        return report;
    }

    private static List<StepResult> measure(Target target, int rooms, int size, double perMember, double seconds, double floodRate) {
        Layout base = Layout.disjointRooms(rooms, size);
        int flooder = base.users();
        List<int[]> withFlooder = new ArrayList<>(base.rooms());
        int[] first = java.util.Arrays.copyOf(withFlooder.get(0), size + 1);
        first[size] = flooder;
        withFlooder.set(0, first);
        Cast cast = target.prepare(new Layout(flooder + 1, withFlooder));
        Receiver receiver = new Receiver();
        List<Fleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u <= flooder; u++) specs.add(new Fleet.Spec(u, 0));
        try (Fleet fleet = Fleet.open(target, cast, specs, receiver, 300)) {
            List<Slot> victims = new ArrayList<>();
            Slot flood = null;
            for (ChatSocket s : fleet.sockets()) {
                long room = cast.roomIdsOf(s.user).get(0);
                Slot slot = new Slot(s, room, fleet.receivers(room, s.user));
                if (s.user == flooder) flood = slot;
                else victims.add(slot);
            }
            Step.Plan steady = new Step.Plan(victims, victims.size() * perMember);
            Step.paced("warm-up", target, receiver, List.of(steady), seconds, flooder);
            StepResult calm = Step.paced("no flood", target, receiver, List.of(steady), seconds, flooder);
            print(target, calm);
            StepResult flooded = Step.paced("flood", target, receiver, List.of(steady, new Step.Plan(List.of(flood), floodRate)),
                    seconds, flooder);
            print(target, flooded);
            return List.of(calm, flooded);
        }
    }

    private static void print(Target target, StepResult r) {
        System.out.printf("  %-8s %-8s victims p50 %s ms p99 %s ms; flood %s sent, %s accepted; server %s  %s%n", target.name(), r.label(),
                Fmt.ms(r.latency().p50()), Fmt.ms(r.latency().p99()), r.floodSent(), r.floodAcked(), Fmt.pct(r.serverCpuPct()), r.verdict());
    }
}
