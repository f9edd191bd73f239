package dev.parley.bench.scenario;

import dev.parley.bench.measure.Slot;
import dev.parley.bench.measure.Step;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.net.ChatSocket;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.target.Cast;
import dev.parley.bench.target.Fleet;
import dev.parley.bench.target.Layout;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One room, one sender (user 0), everyone else listening with one socket each, members split
 * round-robin over the target's instances. Parley allows 50 frames/s per socket, so the sender
 * spreads its messages over {@code ceil(rate / 40)} sockets of its own, opened as the rate needs.
 */
final class FanOutRun implements AutoCloseable {

    static final double PER_SOCKET = 40;
    static final int MAX_SENDER_SOCKETS = 64;

    private final Target target;
    private final Cast cast;
    private final Receiver receiver = new Receiver();
    private final Fleet fleet;
    private final List<ChatSocket> senders = new ArrayList<>();
    private final long roomId;

    FanOutRun(Target target, int members, Bench bench) {
        this.target = target;
        this.cast = target.prepare(new Layout(members, List.of(range(members))));
        this.roomId = cast.roomIds()[0];
        List<Fleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u < members; u++) specs.add(new Fleet.Spec(u, u % target.instances()));
        this.fleet = Fleet.open(target, cast, specs, receiver, 300);
        senders.addAll(fleet.socketsOf(0));
    }

    /** A step at {@code rate} messages per second for {@code seconds}. */
    StepResult step(String label, double rate, double seconds) {
        int k = (int) Math.min(MAX_SENDER_SOCKETS, Math.ceil(rate / PER_SOCKET));
        ensureSenders(k);
        List<Slot> slots = new ArrayList<>();
        int receivers = fleet.receivers(roomId, 0);
        for (int i = 0; i < k; i++) slots.add(new Slot(senders.get(i), roomId, receivers));
        StepResult r = Step.paced(label, target, receiver, List.of(new Step.Plan(slots, rate)), seconds, -1);
        System.out.printf("  %-10s %-8s %8s msg/s → %9s deliveries/s  p50 %s ms  p99 %s ms  server %s  loadgen %s  %s%n",
                r.target(), label.equals("warm-up") ? label : "", Fmt.n(rate), Fmt.n(r.deliveriesPerSec()), Fmt.ms(r.latency().p50()), Fmt.ms(r.latency().p99()),
                Fmt.pct(r.serverCpuPct()), Fmt.pct(r.loadgenCpuPct()), r.verdict());
        return r;
    }

    /**
     * Rates from {@code start} growing by {@code growth} until a step fails, then two bisecting
     * steps between the last pass and the first failure (geometric midpoints).
     */
    List<StepResult> stepUp(double start, double growth, int maxSteps, double seconds, double warmUp) {
        step("warm-up", start, warmUp);
        List<StepResult> out = new ArrayList<>();
        double rate = start, lastPass = 0;
        for (int i = 0; i < maxSteps; i++) {
            StepResult r = step(Fmt.n(rate) + "/s", rate, seconds);
            out.add(r);
            if (!r.pass()) break;
            lastPass = rate;
            rate *= growth;
        }
        boolean failed = !out.isEmpty() && !out.get(out.size() - 1).pass();
        double fail = rate;
        for (int i = 0; i < 2 && failed && lastPass > 0; i++) {
            double mid = Math.round(Math.sqrt(lastPass * fail));
            if (mid <= lastPass || mid >= fail) break;
            StepResult r = step(Fmt.n(mid) + "/s", mid, seconds);
            out.add(r);
            if (r.pass()) lastPass = mid;
            else fail = mid;
        }
        return out;
    }

    int receivers() {
        return fleet.receivers(roomId, 0);
    }

    private void ensureSenders(int k) {
        while (senders.size() < k) {
            try {
                senders.add(target.open(cast, cast.members()[0], 0, receiver).get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("cannot open sender socket " + senders.size() + ": " + e.getMessage(), e);
            }
        }
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public void close() {
        fleet.close();
        senders.forEach(ChatSocket::close);
    }
}
