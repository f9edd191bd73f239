package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where things are and how servers run: the repository, the jars, a scratch directory for logs and
 * data, which CPUs servers are pinned to (the load generator takes the others), the JVM flags of
 * the Java servers, and whether this is a quick smoke run.
 *
 * @param serverCpus a taskset list for servers, or null to leave them unpinned
 */
public record Config(Path repo, Path loadgenJar, Path work, Path results, String serverCpus,
                     List<String> javaOpts, boolean quick) {

    /** The flags Parley and the bare-Jetty server both run with (BENCH_JAVA_OPTS overrides them). */
    public static final String DEFAULT_JAVA_OPTS = "-Xms256m -Xmx2g -XX:+UseG1GC";

    public Path parleyJar() {
        return repo.resolve("target/parley.jar");
    }

    public Path peerDir() {
        return repo.resolve("bench/peer");
    }

    public Path log(String name) {
        return work.resolve(name + ".log");
    }

    /** Deletes a scratch directory made by {@link #freshDir} (a server's data once it has stopped). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // scratch space: left for the next cleanup
        }
    }

    public Path freshDir(String prefix) {
        try {
            return Files.createTempDirectory(work, prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Quick runs use small sizes, full runs the issue's; one place decides. */
    public int size(int full, int quick) {
        return this.quick ? quick : full;
    }

    public double seconds(double full, double quick) {
        return this.quick ? quick : full;
    }
}
