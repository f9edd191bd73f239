package dev.parley.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.net.Http;
import dev.parley.bench.proc.Commands;
import dev.parley.bench.proc.Proc;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.JfrSamples;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.StepTable;
import dev.parley.bench.target.ParleyTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where Parley's CPU goes under fan-out: JFR's execution samples over a steady fan-out step at
 * about 70 % of the sustainable rate the fan-out scenario found (a default when it has not run).
 * The recording starts after setup, so sign-up's Argon2 does not drown everything else.
 */
public final class Profile implements Scenario {

    @Override
    public String name() { return "profile"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int members = c.size(500, 50);
        double seconds = c.seconds(20, 5);
        double rate = rate(c.results(), members, c.quick() ? 60 : 150);
        Report report = new Report(name(), "Profile: Parley's hot spots under fan-out", c.quick());
        Path jfr = c.work().resolve("parley-profile.jfr");
        long[] userSystem = new long[2];
        StepResult step = bench.with(bench.parley(), report, target -> {
            ParleyTarget parley = (ParleyTarget) target;
            try (FanOutRun run = new FanOutRun(parley, members, bench)) {
                run.step("warm-up", rate, Math.min(5, seconds));
                String pid = Long.toString(parley.servers().get(0).pid());
                Commands.run(List.of("jcmd", pid, "JFR.start", "name=bench", "settings=" + settings(c.work()), "filename=" + jfr));
                long[] cpu0 = Proc.cpuSplitMicros(pid);
                StepResult r = run.step(Fmt.n(rate) + "/s", rate, seconds);
                long[] cpu1 = Proc.cpuSplitMicros(pid);
                Commands.run(List.of("jcmd", pid, "JFR.stop", "name=bench"));
                userSystem[0] = cpu1[0] - cpu0[0];
                userSystem[1] = cpu1[1] - cpu0[1];
                return r;
            }
        });
        if (step == null || !Files.exists(jfr)) return report;
        JfrSamples samples = JfrSamples.read(jfr);
        long total = Math.max(1, userSystem[0] + userSystem[1]);
        report.note("JFR execution samples (Java code, every " + PERIOD + " per running thread) over one " + Fmt.n(seconds)
                + " s fan-out step at " + Fmt.n(rate) + " msg/s to " + (members - 1) + " receivers: " + samples.samples + " samples. "
                + "Of Parley's CPU time in that step, " + Fmt.pct(100.0 * userSystem[0] / total) + " was user time and "
                + Fmt.pct(100.0 * userSystem[1] / total) + " kernel time (/proc/<pid>/stat); kernel time (socket writes, epoll) is not "
                + "in the Java samples. Native-method samples count threads inside native calls, blocked ones included (an idle "
                + "selector waits in EPoll.wait): they show where native time may go, not CPU. The recording is " + jfr
                + " (not kept in the repository).");
        report.table(StepTable.of("The profiled step", List.of(step)));
        report.table(samples.table("Top frames (where the CPU was)", samples.topFrames, 20));
        report.table(samples.table("First Parley frame on the stack (which of Parley's paths led there)", samples.parleyFrames, 15));
        report.table(samples.table("By library of the top frame", samples.libraries, 12));
        report.table(samples.nativeTable("Native-method samples by top frame (threads in native code, waiting or not)", 10));
        report.data.put("samples", samples.samples);
        report.data.put("topFrames", samples.topFrames);
        report.data.put("parleyFrames", samples.parleyFrames);
        report.data.put("libraries", samples.libraries);
        return report;
    }

    static final String PERIOD = "5 ms";

    /** Execution and native-method samples only, at a finer period than JFR's "profile" settings. */
    private static String settings(Path work) {
        Path f = work.resolve("bench-samples.jfc");
        String jfc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<configuration version=\"2.0\" label=\"bench\" description=\"Execution samples for scripts/bench\">\n"
                + "  <event name=\"jdk.ExecutionSample\"><setting name=\"enabled\">true</setting><setting name=\"period\">" + PERIOD + "</setting></event>\n"
                + "  <event name=\"jdk.NativeMethodSample\"><setting name=\"enabled\">true</setting><setting name=\"period\">20 ms</setting></event>\n"
                + "</configuration>\n";
        try {
            Files.writeString(f, jfc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return f.toString();
    }

    /** 70 % of the rate fanout.json found sustainable for Parley, if it is there and of the same size. */
    private static double rate(Path results, int members, double fallback) {
        try {
            JsonNode f = Http.JSON.readTree(results.resolve("fanout.json").toFile());
            double deliveries = f.path("headline").path("parley.deliveriesPerSec").asDouble(0);
            if (deliveries > 0 && f.path("title").asText().contains("× " + members + " members")) {
                return Math.max(10, Math.round(0.7 * deliveries / (members - 1)));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no fan-out results yet
        }
        return fallback;
    }
}
