package dev.parley.bench.proc;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command and returns what it printed. */
public final class Commands {

    private Commands() {}

    public static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            String text = new String(out);
            if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + text.trim());
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
