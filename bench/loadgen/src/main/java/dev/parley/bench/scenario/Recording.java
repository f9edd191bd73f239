package dev.parley.bench.scenario;

import dev.parley.bench.proc.Commands;
import dev.parley.bench.proc.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Table;
import java.util.function.Supplier;

/**
 * A JFR recording of one server JVM around a piece of work, started and stopped with jcmd, plus
 * the process's user and kernel CPU time over the same span.
 */
final class Recording {

    static final String PERIOD = "5 ms";

    final Path file;
    long userMicros, systemMicros;
    final Map<String, Long> threads = new HashMap<>();

    Recording(Path file) {
        this.file = file;
    }

    <T> T around(long pid, Path work, Supplier<T> step) {
        String p = Long.toString(pid);
        Commands.run(List.of("jcmd", p, "JFR.start", "name=bench", "settings=" + settings(work), "filename=" + file));
        long[] cpu0 = Proc.cpuSplitMicros(p);
        Map<String, Long> threads0 = Proc.threadCpuMicros(pid);
        T result = step.get();
        long[] cpu1 = Proc.cpuSplitMicros(p);
        Proc.threadCpuMicros(pid).forEach((name, micros) -> {
            long used = micros - threads0.getOrDefault(name, 0L);
            if (used > 0) threads.put(name, used);
        });
        Commands.run(List.of("jcmd", p, "JFR.stop", "name=bench"));
        userMicros = cpu1[0] - cpu0[0];
        systemMicros = cpu1[1] - cpu0[1];
        return result;
    }

    /** CPU by thread group over the recording: JIT and GC threads show up here, not in Java samples. */
    Table threadTable(String title) {
        long total = Math.max(1, threads.values().stream().mapToLong(Long::longValue).sum());
        Table t = new Table(title, "threads", "CPU ms", "share");
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> t.row("`" + e.getKey() + "`", e.getValue() / 1000, Fmt.pct(100.0 * e.getValue() / total)));
        return t;
    }

    double userShare() {
        return 100.0 * userMicros / Math.max(1, userMicros + systemMicros);
    }

    /** Execution and native-method samples only, at a finer period than JFR's "profile" settings. */
    private static String settings(Path work) {
        Path f = work.resolve("bench-samples.jfc");
        String jfc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="bench" description="Execution samples for scripts/bench">
                  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">%s</setting></event>
                  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">20 ms</setting></event>
                  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
                  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>
                </configuration>
                """.formatted(PERIOD);
        try {
            Files.writeString(f, jfc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toString();
    }
}
