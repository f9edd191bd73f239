package dev.parley.bench.measure;

import dev.parley.bench.net.Receiver;
import dev.parley.bench.proc.Proc;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one measured step: a fresh ledger, traffic for a fixed time, a drain (until every acked
 * message reached every receiver, at most {@link #DRAIN_SECONDS}), then the books and the CPU
 * that servers and the load generator spent over the whole window.
 */
public final class Step {

    public static final double DRAIN_SECONDS = 3;
    private static final AtomicLong BASE = new AtomicLong(1);

    /** Traffic of a step: started when the step starts, returns when sending is over. */
    public interface Traffic {
        /** @return the worst lag behind schedule of any sender, µs */
        long run(Ledger ledger) throws InterruptedException;
    }

    private Step() {}

    /** Open-loop traffic from pacers: each plan is a set of slots sent round-robin at a rate. */
    public record Plan(List<Slot> slots, double perSecond) {}

    public static StepResult paced(String label, Target target, Receiver receiver, List<Plan> plans, double seconds,
                                   int flooder) {
        double offered = plans.stream().filter(p -> p.slots().stream().noneMatch(s -> s.socket().user == flooder))
                .mapToDouble(Plan::perSecond).sum();
        int capacity = (int) Math.ceil(plans.stream().mapToDouble(Plan::perSecond).sum() * seconds) + 64;
        return run(label, target, receiver, capacity, flooder, seconds, offered, ledger -> {
            List<Pacer> pacers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (Plan p : plans) {
                Pacer pacer = new Pacer(p.slots(), p.perSecond(), seconds, ledger);
                pacers.add(pacer);
                threads.add(Pacer.start(pacer, "pacer-" + threads.size()));
            }
            for (Thread t : threads) t.join();
            return pacers.stream().mapToLong(Pacer::maxLagMicros).max().orElse(0);
        });
    }

    public static StepResult run(String label, Target target, Receiver receiver, int capacity, int flooder,
                                 double seconds, double offered, Traffic traffic) {
        long base = BASE.getAndAdd(capacity + 1L);
        Ledger ledger = new Ledger(base, capacity, flooder);
        receiver.ledger(ledger);
        long closedBefore = receiver.closedCount();
        long server0 = target.cpuMicros(), self0 = Proc.cpuMicros("self"), t0 = System.nanoTime();
        long serverSys0 = target.systemMicros(), selfSys0 = Proc.cpuSplitMicros("self")[1], machine0 = Proc.machineBusyMicros();
        long lag;
        try {
            lag = traffic.run(ledger);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long sendEnd = System.nanoTime();
        long drainUntil = sendEnd + (long) (DRAIN_SECONDS * 1e9);
        while (System.nanoTime() < drainUntil && !ledger.settled()) sleep(20);
        long server1 = target.cpuMicros(), self1 = Proc.cpuMicros("self"), t1 = System.nanoTime();
        long serverSys = target.systemMicros() - serverSys0, selfSys = Proc.cpuSplitMicros("self")[1] - selfSys0;
        long others = Proc.machineBusyMicros() - machine0 - (server1 - server0) - (self1 - self0);
        receiver.hook(null);

        Ledger.Counts c = ledger.counts();
        double sendSeconds = (sendEnd - t0) / 1e9;
        double wallMicros = (t1 - t0) / 1e3;
        long serverCpu = server1 - server0;
        Histogram.Summary lat = ledger.latency().summary();
        Histogram.Summary ack = ledger.ackLatency().summary();
        String closes = receiver.closedCount() > closedBefore ? receiver.closes() : "";
        String verdict = verdict(c, lat, ack, lag, closes);
        return new StepResult(target.name(), label, offered, sendSeconds,
                c.sent(), c.acked(), c.failed(), c.unacked(), c.expected(), c.delivered(), c.lost(), c.duplicates(), c.late(),
                c.delivered() / sendSeconds, c.acked() / sendSeconds, lat, ack,
                serverCpu, 100.0 * serverCpu / wallMicros, 100.0 * (self1 - self0) / wallMicros,
                c.delivered() == 0 ? 0 : (double) serverCpu / c.delivered(),
                c.acked() == 0 ? 0 : (double) serverCpu / (c.acked() + c.floodAcked()), lag, closes,
                c.floodSent(), c.floodAcked(), c.floodDelivered(), ledger.floodLatency().summary(),
                c.firstFailure(), verdict.isEmpty(), verdict.isEmpty() ? "ok" : verdict,
                List.of(ledger.latencyOn(0).summary(), ledger.latencyOn(1).summary()),
                share(serverSys, serverCpu), share(selfSys, self1 - self0), Math.max(0, 100.0 * others / wallMicros));
    }

    private static String verdict(Ledger.Counts c, Histogram.Summary lat, Histogram.Summary ack, long lagMicros, String closes) {
        List<String> why = new ArrayList<>();
        if (lat.p99() > StepResult.P99_LIMIT_MICROS) why.add("p99 > 100 ms");
        if (ack.p99() > StepResult.P99_LIMIT_MICROS) why.add("ack p99 > 100 ms");
        if (c.lost() > 0) why.add(c.lost() + " lost");
        if (c.duplicates() > 0) why.add(c.duplicates() + " duplicated");
        if (c.failed() > 0) why.add(c.failed() + " refused");
        if (c.unacked() > 0) why.add(c.unacked() + " unacked");
        if (!closes.isEmpty()) why.add("closed " + closes);
        if (lagMicros > 100_000) why.add("sender " + lagMicros / 1000 + " ms behind");
        return String.join(", ", why);
    }

    private static double share(long part, long whole) {
        return whole <= 0 ? 0 : Math.min(100, 100.0 * part / whole);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
