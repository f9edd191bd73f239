package dev.parley.bench.scenario;

import dev.parley.bench.measure.StepResult;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The highest-throughput step that passed, and what a failing step says limited it. */
final class Best {

    private Best() {}

    static Optional<StepResult> passing(List<StepResult> steps) {
        return steps == null ? Optional.empty()
                : steps.stream().filter(StepResult::pass).max(Comparator.comparingDouble(StepResult::offeredPerSec));
    }

    /** Which side ran out of CPU first in the first failing step (servers and loadgen each pinned to their cores). */
    static String limit(List<StepResult> steps, double serverCores) {
        if (steps == null) return "–";
        StepResult fail = steps.stream().filter(s -> !s.pass()).findFirst().orElse(null);
        if (fail == null) return "not reached (step cap)";
        double server = fail.serverCpuPct() / serverCores, loadgen = fail.loadgenCpuPct();
        String cpu = server >= 85 ? "server CPU (" + Math.round(fail.serverCpuPct()) + "%)"
                : loadgen >= 85 ? "load generator CPU (" + Math.round(loadgen) + "%)"
                : "neither CPU saturated (server " + Math.round(fail.serverCpuPct()) + "%, loadgen " + Math.round(loadgen) + "%)";
        return cpu + "; failed on " + fail.verdict();
    }
}
