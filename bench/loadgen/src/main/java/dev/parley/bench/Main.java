package dev.parley.bench;

import dev.parley.bench.net.Clients;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Summary;
import dev.parley.bench.scenario.Bench;
import dev.parley.bench.scenario.Scenario;
import dev.parley.bench.scenario.Scenarios;
import dev.parley.bench.target.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The load generator's entry point:
 * {@code java -jar loadgen.jar [--quick] [--targets parley,peer,jetty] [--server-cpus 0] [--results DIR] [--work DIR] [scenario…]}.
 * Runs the scenarios named (all by default), writes each one's results, then the summary.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String cpus = null;
        Set<String> families = new LinkedHashSet<>(List.of("parley", "peer", "jetty"));
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        Path repo = Path.of(System.getenv().getOrDefault("BENCH_REPO", jar.getParent().getParent().getParent().getParent().toString()));
        Path results = repo.resolve("bench/results");
        Path work = repo.resolve("bench/.work");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--targets" -> families = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--server-cpus" -> cpus = args[++i];
                case "--results" -> results = Path.of(args[++i]).toAbsolutePath();
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.println("usage: loadgen [--quick] [--targets parley,peer,jetty] [--server-cpus LIST] "
                            + "[--results DIR] [--work DIR] [" + String.join("|", Scenarios.NAMES) + "|summary]…");
                    return;
                }
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) names.addAll(Scenarios.DEFAULT);
        Files.createDirectories(work);
        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", Config.DEFAULT_JAVA_OPTS);
        Config config = new Config(repo, jar, work, results, cpus, List.of(opts.trim().split("\\s+")), quick);
        System.out.println("results → " + results + ", logs → " + work + (cpus == null ? "" : ", servers on CPUs " + cpus));

        // Interrupted (Ctrl-C, SIGTERM): stop every server and Redis this run started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int failures = 0;
        try (Clients clients = new Clients(); Seeds seeds = new Seeds(config)) {
            Bench bench = new Bench(config, clients, seeds, families);
            for (String name : names) {
                if (name.equals("summary")) continue;
                Scenario s = Scenarios.byName(name);
                long t0 = System.nanoTime();
                Report report = s.run(bench);
                report.note(String.format("Scenario time: %.0f s.", (System.nanoTime() - t0) / 1e9));
                report.print();
                report.write(results);
                System.out.printf("%n-- %s done in %.0f s → %s%n", name, (System.nanoTime() - t0) / 1e9, results.resolve(name + ".md"));
                if (report.notes.stream().anyMatch(n -> n.startsWith("**"))) failures++;
            }
        }
        Summary.write(config, results);
        System.out.println("summary → " + results.resolve("summary.md"));
        System.exit(failures == 0 ? 0 : 2);
    }
}
