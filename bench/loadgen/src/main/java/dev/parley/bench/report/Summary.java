package dev.parley.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.Config;
import dev.parley.bench.net.Http;
import dev.parley.bench.proc.Commands;
import dev.parley.bench.scenario.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results/summary.md}: the machine, the issue's targets against what the latest results
 * say, then every scenario's own tables. Built from whatever {@code results/*.json} hold, so a
 * partial run refreshes its scenarios and keeps the others.
 */
public final class Summary {

    private Summary() {}

    public static void write(Config config, Path results) {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        for (String name : Scenarios.NAMES) {
            Path f = results.resolve(name + ".json");
            if (!Files.exists(f) || name.equals("selfcheck")) continue;
            try {
                runs.put(name, Http.JSON.readTree(f.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringBuilder md = new StringBuilder("# Benchmark summary\n\n");
        md.append(machine(config).markdown()).append('\n');
        md.append(targets(runs).markdown()).append('\n');
        for (String name : runs.keySet()) {
            try {
                md.append(Files.readString(results.resolve(name + ".md"))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.createDirectories(results);
            Files.writeString(results.resolve("summary.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Table machine(Config config) {
        Table t = new Table("Machine", "what", "value");
        t.row("CPU", cpuModel() + ", " + sh("nproc --all").trim() + " cores (" + Runtime.getRuntime().availableProcessors()
                + " for the load generator)");
        t.row("memory", memTotal());
        t.row("kernel", sh("uname -sr").trim());
        t.row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        t.row("Node", sh("node --version").trim());
        t.row("servers pinned to CPUs", config.serverCpus() == null ? "not pinned" : config.serverCpus());
        t.row("Java servers' flags", String.join(" ", config.javaOpts()));
        return t;
    }

    static Table targets(Map<String, JsonNode> runs) {
        Table t = new Table("The issue's targets", "target", "goal", "measured", "met");
        JsonNode fan = head(runs, "fanout"), idle = head(runs, "idle"), cross = head(runs, "cross"), durable = head(runs, "durable");
        ratio(t, "fan-out deliveries/s, Parley / peer", "≥ 3×", fan, "parley.deliveriesPerSec", "peer.deliveriesPerSec", 3, true, "/s");
        ratio(t, "server CPU per delivery, Parley / peer (each at its highest sustainable step)", "≤ 0.33×", fan,
                "parley.usPerDelivery", "peer.usPerDelivery", 1.0 / 3, false, " µs");
        ratio(t, "server CPU per delivery, Parley / peer (at the highest rate both sustained)", "≤ 0.33×", fan,
                "parley.commonUsPerDelivery", "peer.commonUsPerDelivery", 1.0 / 3, false, " µs");
        ratio(t, "memory per idle connection (RSS), Parley / peer", "≤ 0.5×", idle, "parley.rssPerConn", "peer.rssPerConn", 0.5, false, " B");
        ratio(t, "memory per idle connection (live heap), Parley / peer", "≤ 0.5×", idle, "parley.heapPerConn", "peer.heapPerConn", 0.5, false, " B");
        ratio(t, "fan-out deliveries/s, Parley / bare Jetty", "≥ 0.8×", fan, "parley.deliveriesPerSec", "jetty.deliveriesPerSec", 0.8, true, "/s");
        double added = num(cross, "parley.addedP50us");
        t.row("p50 added by crossing instances (Parley)", "< 2 ms", Double.isNaN(added) ? "not measured" : Fmt.ms((long) added) + " ms",
                Double.isNaN(added) ? "–" : added < 2000 ? "yes" : "no");
        double acked = num(durable, "parley.ackedPerSec");
        t.row("acked messages/s on SQLite (Parley)", "≥ 5,000", Double.isNaN(acked) ? "not measured" : Fmt.n(acked),
                Double.isNaN(acked) ? "–" : acked >= 5000 ? "yes" : "no");
        return t;
    }

    private static void ratio(Table t, String what, String goal, JsonNode h, String a, String b, double limit, boolean higher, String unit) {
        double x = num(h, a), y = num(h, b);
        if (Double.isNaN(x) || Double.isNaN(y) || y <= 0) {
            t.row(what, goal, "not measured", "–");
            return;
        }
        if (x <= 0) {
            t.row(what, goal, "not meaningful: Parley's figure is " + Fmt.n(x) + unit + " (RSS fell back after setup)", "–");
            return;
        }
        double r = x / y;
        t.row(what, goal, Fmt.d2(r) + "× (" + Fmt.n(x) + unit + " vs " + Fmt.n(y) + unit + ")",
                (higher ? r >= limit : r <= limit) ? "yes" : "no");
    }

    private static JsonNode head(Map<String, JsonNode> runs, String name) {
        JsonNode r = runs.get(name);
        return r == null ? null : r.path("headline");
    }

    private static double num(JsonNode h, String key) {
        return h == null || !h.has(key) ? Double.NaN : h.get(key).asDouble();
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown CPU";
    }

    private static String memTotal() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal")) {
                    long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return Fmt.d1(kb / 1024.0 / 1024.0) + " GiB";
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    private static String sh(String command) {
        try {
            return Commands.run(List.of("sh", "-c", command));
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
