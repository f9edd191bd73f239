package dev.parley.bench.proc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server JVM's heap as jcmd sees it, after a full collection. */
public final class Jvm {

    // G1: " garbage-first heap   total 262144K, used 23456K [..."; other collectors print the same words.
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K, used (\\d+)K");

    private Jvm() {}

    /**
     * Live heap after a full collection. Returns after a short pause, so that memory the
     * collector hands back (G1 uncommits concurrently) is gone from the RSS read next.
     */
    public static long heapAfterGc(long pid) {
        String p = Long.toString(pid);
        Commands.run(List.of("jcmd", p, "GC.run"));
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher m = USED.matcher(Commands.run(List.of("jcmd", p, "GC.heap_info")));
        long used = 0;
        while (m.find()) used += Long.parseLong(m.group(1)) * 1024;
        return used;
    }
}
