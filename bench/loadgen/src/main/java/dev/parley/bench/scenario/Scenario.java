package dev.parley.bench.scenario;

import dev.parley.bench.report.Report;

/** One benchmark scenario: bounded in time, it starts its own servers and returns its report. */
public interface Scenario {

    String name();

    Report run(Bench bench);
}
