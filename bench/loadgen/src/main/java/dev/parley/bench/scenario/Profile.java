package dev.parley.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bench.measure.Step;
import dev.parley.bench.measure.StepResult;
import dev.parley.bench.net.Receiver;
import dev.parley.bench.net.Http;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.JfrCompilations;
import dev.parley.bench.report.JfrSamples;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.StepTable;
import dev.parley.bench.target.ParleyTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Parley's CPU goes, from JFR execution samples over three steady steps: fan-out at about
 * 70 % of the sustainable rate the fan-out scenario found (a default when it has not run),
 * durable sends in the closed loop of the durable scenario, and many rooms at 1 msg/s per member. Each recording starts after setup,
 * so sign-up's Argon2 does not drown everything else.
 */
public final class Profile implements Scenario {

    @Override
    public String name() { return "profile"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int members = c.size(500, 50), users = c.size(250, 20);
        double seconds = c.seconds(20, 5);
        double rate = rate(c.results(), members, c.quick() ? 60 : 150);
        // BENCH_PROFILE_WARMUP: seconds of load before each recording (the JIT on one core takes long to settle)
        double warmUp = Double.parseDouble(System.getenv().getOrDefault("BENCH_PROFILE_WARMUP", Double.toString(c.seconds(30, 3))));
        Report report = new Report(name(), "Profile: Parley's hot spots", c.quick());
        report.note("Each recording follows " + Fmt.n(warmUp) + " s of the same load (JIT warm-up). JFR execution samples (Java code, every " + Recording.PERIOD + " per running thread), the recording started "
                + "after setup and warm-up and stopped after the step. Kernel time (socket writes, epoll, fsync) is not in Java "
                + "samples; the user/kernel split comes from /proc/<pid>/stat. Native-method samples count threads inside native "
                + "calls, blocked ones included (an idle selector waits in EPoll.wait): where native time may go, not CPU. "
                + "The recordings stay in bench/.work/ (not in the repository).");
        Map<String, Object> raw = new LinkedHashMap<>();

        Recording fan = new Recording(c.work().resolve("parley-fanout.jfr"));
        StepResult fanStep = bench.with(bench.parley(), report, target -> {
            try (FanOutRun run = new FanOutRun(target, members, bench)) {
                run.step("warm-up", rate, warmUp);
                return fan.around(pid(target), c.work(), () -> run.step(Fmt.n(rate) + "/s", rate, seconds));
            }
        });
        section(report, raw, "fan-out", "Fan-out, " + Fmt.n(rate) + " msg/s to " + (members - 1) + " receivers for " + Fmt.n(seconds) + " s",
                fanStep, fan);

        Recording sends = new Recording(c.work().resolve("parley-sends.jfr"));
        StepResult sendStep = bench.with(bench.parley(), report, target ->
                Durable.measure(target, users, seconds, warmUp, step -> sends.around(pid(target), c.work(), step)));
        section(report, raw, "sends", "Durable sends on SQLite, " + users + " senders in a closed loop for " + Fmt.n(seconds) + " s",
                sendStep, sends);

        int rooms = c.size(200, 20), size = c.size(10, 5);
        Recording many = new Recording(c.work().resolve("parley-manyrooms.jfr"));
        StepResult manyStep = bench.with(bench.parley(), report, target -> {
            Receiver receiver = new Receiver();
            return ManyRooms.withSlots(target, receiver, rooms, size, slots -> {
                Step.paced("warm-up", target, receiver, List.of(new Step.Plan(slots, slots.size())), warmUp, -1);
                return many.around(pid(target), c.work(),
                        () -> Step.paced("1/s", target, receiver, List.of(new Step.Plan(slots, slots.size())), seconds, -1));
            });
        });
        section(report, raw, "manyrooms", "Many rooms, " + rooms + " × " + size + " members each sending 1 msg/s for " + Fmt.n(seconds) + " s",
                manyStep, many);
        report.data.put("profiles", raw);
        return report;
    }

    private static void section(Report report, Map<String, Object> raw, String key, String title, StepResult step, Recording rec) {
        if (step == null || !Files.exists(rec.file)) return;
        JfrSamples s = JfrSamples.read(rec.file);
        report.table(StepTable.of(title + ": " + s.samples + " samples, " + Fmt.pct(rec.userShare()) + " of the CPU in user code, "
                + Fmt.pct(100 - rec.userShare()) + " in the kernel", List.of(step)));
        report.table(rec.threadTable(title + ": CPU by thread (/proc/<pid>/task)"));
        report.table(s.table(title + ": top frames (where the CPU was)", s.topFrames, 15));
        report.table(s.table(title + ": first Parley frame on the stack (which of Parley's paths led there)", s.parleyFrames, 12));
        report.table(s.table(title + ": by library of the top frame", s.libraries, 10));
        report.table(s.nativeTable(title + ": native-method samples by top frame (threads in native code, waiting or not)", 6));
        JfrCompilations jit = JfrCompilations.read(rec.file);
        report.table(jit.table(title + ": the JIT meanwhile, " + jit.compilations + " compilations (" + Fmt.d1(jit.seconds)
                + " s of compile time) and " + jit.deoptimizations + " deoptimizations; classes by compile time", 8));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("samples", s.samples);
        data.put("userShare", rec.userShare());
        data.put("topFrames", s.topFrames);
        data.put("parleyFrames", s.parleyFrames);
        data.put("libraries", s.libraries);
        data.put("natives", s.natives);
        data.put("threadCpuMicros", rec.threads);
        data.put("compilations", jit.compilations);
        data.put("compileSeconds", jit.seconds);
        data.put("compileSecondsByClass", jit.secondsByClass);
        data.put("deoptimizations", jit.deoptimizations);
        data.put("deoptimizationsByClass", jit.deoptsByClass);
        raw.put(key, data);
    }

    private static long pid(dev.parley.bench.target.Target target) {
        return ((ParleyTarget) target).servers().get(0).pid();
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
