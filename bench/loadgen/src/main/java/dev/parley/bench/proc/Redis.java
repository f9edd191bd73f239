package dev.parley.bench.proc;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private redis-server for one scenario, without persistence, so its CPU is measured and its keys die with it. */
public final class Redis implements AutoCloseable {

    private final Process process;
    public final int port;

    private Redis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Redis start(Path log, String cpus) {
        int port = Ports.free();
        List<String> cmd = new java.util.ArrayList<>();
        if (cpus != null) cmd.addAll(List.of("taskset", "-c", cpus));
        cmd.addAll(List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Redis r = new Redis(p, port);
            r.awaitPing();
            return r;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public long pid() { return process.pid(); }
    public long cpuMicros() { return Proc.cpuMicros(process.pid()); }

    private void awaitPing() {
        for (int i = 0; i < 50; i++) {
            try {
                if (Commands.run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "ping")).contains("PONG")) return;
            } catch (RuntimeException e) {
                // not up yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
