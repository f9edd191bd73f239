package dev.parley.bench.scenario;

import dev.parley.bench.measure.StepResult;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.StepTable;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.JettyTarget;
import dev.parley.bench.target.ParleyTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks the load generator's own books against servers that misbehave on purpose: bare Jetty
 * sending every delivery twice (all duplicates, nothing lost), bare Jetty dropping every tenth
 * delivery (about 10 % lost), and Parley killed in the middle of a step (unacked sends, closed
 * sockets). Not part of the default run.
 */
public final class SelfCheck implements Scenario {

    @Override
    public String name() { return "selfcheck"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int members = 20;
        Report report = new Report(name(), "Self-check of loss and duplicate counting", c.quick());
        List<StepResult> steps = new ArrayList<>();
        Table t = report.table(new Table("Checks", "check", "expected", "measured", "result"));

        StepResult dup = bench.with(new JettyTarget(c, bench.clients, "jetty-dup", Map.of("BARE_FAULT", "duplicate")), report,
                target -> fanOut(target, members, bench));
        check(t, steps, dup, "every delivery duplicated", "dup = delivered, lost = 0",
                s -> s.duplicates() == s.delivered() && s.lost() == 0 && s.delivered() > 0, s -> "dup " + s.duplicates() + ", delivered " + s.delivered() + ", lost " + s.lost());

        StepResult drop = bench.with(new JettyTarget(c, bench.clients, "jetty-drop", Map.of("BARE_FAULT", "drop")), report,
                target -> fanOut(target, members, bench));
        check(t, steps, drop, "every 10th delivery dropped", "lost ≈ 10 % of expected, dup = 0",
                s -> s.duplicates() == 0 && Math.abs(s.lost() - s.expected() / 10.0) <= s.expected() * 0.02 + 2,
                s -> "lost " + s.lost() + " of " + s.expected() + ", dup " + s.duplicates());

        StepResult killed = bench.with(bench.parley(), report, target -> {
            try (FanOutRun run = new FanOutRun(target, members, bench)) {
                Thread killer = new Thread(() -> {
                    sleep(1500);
                    ((ParleyTarget) target).servers().get(0).kill();
                });
                killer.start();
                return run.step("killed at 1.5 s", 40, 3);
            }
        });
        check(t, steps, killed, "Parley killed mid-step", "unacked > 0, sockets closed, step fails",
                s -> s.unacked() > 0 && !s.closes().isEmpty() && !s.pass(), s -> "unacked " + s.unacked() + ", closes " + s.closes() + ", " + s.verdict());
        report.table(StepTable.of("Steps", steps));
        return report;
    }

    private static StepResult fanOut(dev.parley.bench.target.Target target, int members, Bench bench) {
        try (FanOutRun run = new FanOutRun(target, members, bench)) {
            return run.step("40/s", 40, 3);
        }
    }

    private static void check(Table t, List<StepResult> steps, StepResult s, String what, String expected,
                              Predicate<StepResult> ok, java.util.function.Function<StepResult, String> measured) {
        if (s == null) {
            t.row(what, expected, "did not run", "FAIL");
            return;
        }
        steps.add(s);
        boolean pass = ok.test(s);
        t.row(what, expected, measured.apply(s), pass ? "ok" : "FAIL");
        System.out.println("  self-check " + what + ": " + (pass ? "ok" : "FAIL") + " (" + measured.apply(s) + ")");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
