package dev.parley.bench.report;

import dev.parley.bench.Config;
import java.nio.file.Path;

/** Placeholder until the summary is written. */
public final class Summary {
    private Summary() {}
    public static void write(Config config, Path results) {}
}
