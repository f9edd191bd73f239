package dev.parley.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Execution samples of a JFR recording, read from {@code jfr print --events jdk.ExecutionSample}
 * and counted three ways: by the top frame (where the CPU was), by the first Parley frame on the
 * stack (which of Parley's code paths led there), and by the top frame's library.
 */
public final class JfrSamples {

    public final Map<String, Integer> topFrames = new HashMap<>();
    public final Map<String, Integer> parleyFrames = new HashMap<>();
    public final Map<String, Integer> libraries = new HashMap<>();
    public final Map<String, Integer> natives = new HashMap<>();
    public int samples;
    public int nativeSamples;

    public static JfrSamples read(Path recording) {
        JfrSamples s = new JfrSamples();
        try {
            Process p = new ProcessBuilder("jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample",
                    "--stack-depth", "64", recording.toString()).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                boolean inStack = false, first = false, parleySeen = false, nativeSample = false, inNative = false;
                while ((line = in.readLine()) != null) {
                    String l = line.trim();
                    if (l.startsWith("jdk.NativeMethodSample {")) {
                        nativeSample = true;
                    } else if (l.startsWith("jdk.ExecutionSample {")) {
                        nativeSample = false;
                    }
                    if (nativeSample) {
                        if (l.startsWith("stackTrace = [")) {
                            inNative = true;
                            s.nativeSamples++;
                        } else if (inNative && !l.equals("...")) {
                            if (!l.equals("]")) s.natives.merge(method(l), 1, Integer::sum);
                            inNative = false;
                        }
                        continue;
                    }
                    if (l.startsWith("stackTrace = [")) {
                        inStack = true;
                        first = true;
                        parleySeen = false;
                        s.samples++;
                    } else if (inStack && l.equals("]")) {
                        inStack = false;
                        if (!parleySeen) s.parleyFrames.merge("(no Parley frame: Jetty, JDK or GC threads)", 1, Integer::sum);
                    } else if (inStack && !l.equals("...")) {
                        String frame = method(l);
                        if (first) {
                            s.topFrames.merge(frame, 1, Integer::sum);
                            s.libraries.merge(library(frame), 1, Integer::sum);
                            first = false;
                        }
                        if (!parleySeen && frame.startsWith("dev.parley.")) {
                            s.parleyFrames.merge(frame, 1, Integer::sum);
                            parleySeen = true;
                        }
                    }
                }
            }
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("jfr print failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /** "java.lang.String.indexOf(int, int) line: 12" → "java.lang.String.indexOf(int, int)" */
    static String method(String frame) {
        int at = frame.indexOf(" line:");
        return at < 0 ? frame : frame.substring(0, at);
    }

    static String library(String frame) {
        for (String prefix : List.of("dev.parley.", "org.eclipse.jetty.", "com.fasterxml.jackson.", "org.sqlite.", "org.postgresql.",
                "com.zaxxer.hikari.", "io.micrometer.", "ch.qos.logback.", "org.slf4j.", "gg.jte.", "org.jsoup.", "com.nimbusds.",
                "io.github.bucket4j.", "io.lettuce.", "io.netty.", "java.util.concurrent.", "java.", "jdk.", "sun.")) {
            if (frame.startsWith(prefix)) return prefix + "*";
        }
        int dot = frame.indexOf('.', frame.indexOf('.') + 1);
        return dot > 0 ? frame.substring(0, dot) + ".*" : frame;
    }

    public Table nativeTable(String title, int top) {
        Table t = new Table(title, "frame", "samples", "share");
        natives.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> t.row("`" + e.getKey() + "`", e.getValue(), Fmt.pct(100.0 * e.getValue() / Math.max(1, nativeSamples))));
        return t;
    }

    public Table table(String title, Map<String, Integer> counts, int top) {
        Table t = new Table(title, "frame", "samples", "share");
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> t.row("`" + k + "`", v, Fmt.pct(100.0 * v / Math.max(1, samples))));
        return t;
    }
}
