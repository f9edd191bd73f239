package dev.parley.bench.scenario;

import dev.parley.bench.net.Receiver;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.Cast;
import dev.parley.bench.target.Fleet;
import dev.parley.bench.target.Layout;
import dev.parley.bench.target.Memory;
import dev.parley.bench.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: idle connections. U users in rooms of 10 open N sockets between them (tabs and
 * devices); after a settle, the server's memory is compared with its baseline from before any
 * socket opened: resident set, and the live heap after a forced collection.
 */
public final class Idle implements Scenario {

    @Override
    public String name() { return "idle"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int[] levels = c.quick() ? new int[] {300, 600} : new int[] {5_000, 10_000};
        int users = c.size(200, 20);
        double settle = c.seconds(5, 2), window = c.seconds(10, 3);
        Report report = new Report(name(), "Idle connections: " + levels[0] + " and " + levels[levels.length - 1], c.quick());
        report.note(users + " users in rooms of 10 open the sockets between them, round-robin (several tabs and devices each); "
                + "each socket is ready (Parley: sync acked; peer and Jetty: rooms joined) before the next level. "
                + "Per connection = (memory at the level − memory before the first socket) / connections. "
                + "Heap is the live heap after a forced full collection (JVM: jcmd GC.run then GC.heap_info; Node: global.gc() then "
                + "heapUsed, which leaves out Buffers outside the V8 heap); RSS is the resident set of all the target's processes "
                + "(the servers' own processes: not the peer's Redis). Idle CPU is the servers' CPU over " + Fmt.n(window) + " s with every socket open.");
        Table t = report.table(new Table("Memory per idle connection", "target", "connections", "opened in s", "RSS MiB",
                "RSS KiB/conn", "heap MiB", "heap KiB/conn", "idle server CPU"));
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Target target : bench.trio()) {
            List<Map<String, Object>> rows = bench.with(target, report, tg -> measure(tg, users, levels, settle, window, t, report));
            if (rows != null) raw.put(target.name(), rows);
        }
        report.data.put("levels", raw);
        Table r = report.table(new Table("Ratios at " + levels[levels.length - 1] + " connections (lower is better)", "comparison",
                "RSS per connection", "heap per connection"));
        var h = report.headline;
        r.row("Parley / peer", Fmt.ratio(Ratios.get(h, "parley.rssPerConn"), Ratios.get(h, "peer.rssPerConn")),
                Fmt.ratio(Ratios.get(h, "parley.heapPerConn"), Ratios.get(h, "peer.heapPerConn")));
        r.row("Parley / bare Jetty", Fmt.ratio(Ratios.get(h, "parley.rssPerConn"), Ratios.get(h, "jetty.rssPerConn")),
                Fmt.ratio(Ratios.get(h, "parley.heapPerConn"), Ratios.get(h, "jetty.heapPerConn")));
        return report;
    }

    private static List<Map<String, Object>> measure(Target target, int users, int[] levels, double settle, double window, Table t,
                                                     Report report) {
        Cast cast = target.prepare(Layout.disjointRooms(users / 10, 10));
        Receiver receiver = new Receiver();
        pause(settle);
        Memory base = target.memory();
        t.row(target.name(), 0, "", Fmt.mib(base.rssBytes()), "", base.heapBytes() < 0 ? "–" : Fmt.mib(base.heapBytes()), "", "");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("connections", 0, "rss", base.rssBytes(), "heap", base.heapBytes()));
        List<Fleet> fleets = new ArrayList<>();
        int open = 0;
        try {
            for (int level : levels) {
                List<Fleet.Spec> specs = new ArrayList<>();
                for (int i = open; i < level; i++) specs.add(new Fleet.Spec(i % users, 0));
                long t0 = System.nanoTime();
                fleets.add(Fleet.open(target, cast, specs, receiver, 600));
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                open = level;
                pause(settle);
                long cpu0 = target.cpuMicros(), w0 = System.nanoTime();
                pause(window);
                double idleCpu = 100.0 * (target.cpuMicros() - cpu0) / ((System.nanoTime() - w0) / 1e3);
                Memory m = target.memory();
                long stillOpen = fleets.stream().mapToLong(Fleet::openCount).sum();
                if (stillOpen < level) throw new IllegalStateException((level - stillOpen) + " sockets closed while idle: " + receiver.closes());
                double rssPer = (m.rssBytes() - base.rssBytes()) / (double) level;
                double heapPer = m.heapBytes() < 0 || base.heapBytes() < 0 ? -1 : (m.heapBytes() - base.heapBytes()) / (double) level;
                t.row(target.name(), Fmt.n(level), Fmt.d1(openSeconds), Fmt.mib(m.rssBytes()), Fmt.kib(rssPer),
                        m.heapBytes() < 0 ? "–" : Fmt.mib(m.heapBytes()), heapPer < 0 ? "–" : Fmt.kib(heapPer), Fmt.pct(idleCpu));
                System.out.printf("  %-8s %,6d sockets: RSS %s MiB (%s KiB/conn), heap %s KiB/conn, idle CPU %s%n", target.name(), level,
                        Fmt.mib(m.rssBytes()), Fmt.kib(rssPer), heapPer < 0 ? "–" : Fmt.kib(heapPer), Fmt.pct(idleCpu));
                rows.add(Map.of("connections", level, "openSeconds", openSeconds, "rss", m.rssBytes(), "heap", m.heapBytes(),
                        "rssPerConn", rssPer, "heapPerConn", heapPer, "idleCpuPct", idleCpu));
                // the last level wins: it is the one the ratios use
                report.headline.put(target.name() + ".rssPerConn", rssPer);
                if (heapPer >= 0) report.headline.put(target.name() + ".heapPerConn", heapPer);
            }
        } finally {
            fleets.forEach(Fleet::close);
        }
        return rows;
    }

    private static void pause(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
