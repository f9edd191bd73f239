package dev.parley.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What Linux says about a process: CPU time (utime + stime) and resident memory. */
public final class Proc {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private Proc() {}

    /** CPU time used so far, user plus system, in microseconds; "self" for this JVM. */
    public static long cpuMicros(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {user, system} CPU time so far, in microseconds. */
    public static long[] cpuSplitMicros(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) * 1_000_000 / TICKS_PER_SECOND, Long.parseLong(f[12]) * 1_000_000 / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    public static long cpuMicros(long pid) {
        return cpuMicros(Long.toString(pid));
    }

    /**
     * CPU time so far of each thread of a process, in microseconds, keyed by thread name with
     * digits folded to '#' (so "C2 CompilerThre#" or "qtp#-#" gather a pool), summed per name.
     */
    public static Map<String, Long> threadCpuMicros(long pid) {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long micros = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000 / TICKS_PER_SECOND;
                    out.merge(name, micros, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return out;
    }

    /** CPU time the whole machine has spent busy so far (all CPUs, /proc/stat), in microseconds. */
    public static long machineBusyMicros() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // skip idle and iowait
            }
            return busy * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** VmRSS in bytes, or 0 when the process is gone. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
