package dev.parley.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JIT did during a recording ({@code jdk.Compilation}, {@code jdk.Deoptimization}):
 * compiler threads do not show up in execution samples, so this says what kept them busy.
 */
public final class JfrCompilations {

    public int compilations, deoptimizations;
    public double seconds;
    public final Map<String, Double> secondsByClass = new HashMap<>();
    public final Map<String, Integer> deoptsByClass = new HashMap<>();

    public static JfrCompilations read(Path recording) {
        JfrCompilations c = new JfrCompilations();
        try {
            Process p = new ProcessBuilder("jfr", "print", "--events", "jdk.Compilation,jdk.Deoptimization", recording.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                boolean deopt = false;
                double duration = 0;
                while ((line = in.readLine()) != null) {
                    String l = line.trim();
                    if (l.startsWith("jdk.Compilation {")) {
                        deopt = false;
                        c.compilations++;
                    } else if (l.startsWith("jdk.Deoptimization {")) {
                        deopt = true;
                        c.deoptimizations++;
                    } else if (!deopt && l.startsWith("duration = ")) {
                        duration = seconds(l.substring("duration = ".length()));
                        c.seconds += duration;
                    } else if (l.startsWith("method = ")) {
                        String cls = owner(l.substring("method = ".length()));
                        if (deopt) c.deoptsByClass.merge(cls, 1, Integer::sum);
                        else c.secondsByClass.merge(cls, duration, Double::sum);
                    }
                }
            }
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("jfr print failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return c;
    }

    /** "dev.parley.live.Outbox.pump(Outbox$Entry)" → "dev.parley.live.Outbox" */
    static String owner(String method) {
        int paren = method.indexOf('(');
        String name = paren < 0 ? method : method.substring(0, paren);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** "1.23 ms", "12 us", "1.5 s", "250 ns" → seconds */
    static double seconds(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            double v = Double.parseDouble(parts[0].replace(",", ""));
            String unit = parts.length > 1 ? parts[1] : "s";
            return switch (unit) {
                case "ns" -> v / 1e9;
                case "us" -> v / 1e6;
                case "ms" -> v / 1e3;
                case "min" -> v * 60;
                default -> v;
            };
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public Table table(String title, int top) {
        Table t = new Table(title, "class", "compile time s", "share");
        secondsByClass.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(e -> t.row("`" + e.getKey() + "`", Fmt.d2(e.getValue()), Fmt.pct(100 * e.getValue() / Math.max(1e-9, seconds))));
        return t;
    }
}
