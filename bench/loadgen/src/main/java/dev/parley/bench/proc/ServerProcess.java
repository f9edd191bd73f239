package dev.parley.bench.proc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, started as its own process so its CPU time and memory are its own. Its
 * output goes to a log file; {@link #awaitHealthy} polls {@code GET /healthz}.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    public final int port;
    private volatile long lastCpu;

    private ServerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** @param cpus a taskset CPU list to pin the server to, or null */
    public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                      Path log, int port, String cpus) {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) cmd.addAll(List.of("taskset", "-c", cpus));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            return new ServerProcess(name, pb.start(), log, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public ServerProcess awaitHealthy(Duration timeout) {
        // HTTP/1.1: an h2c upgrade offer would be taken for a WebSocket upgrade by Node servers.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return this;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + log);
    }

    public String name() { return name; }
    public long pid() { return process.pid(); }
    public boolean alive() { return process.isAlive(); }
    /** CPU used so far; after the process died, what it had used when last seen. */
    public long cpuMicros() {
        long now = Proc.cpuMicros(process.pid());
        if (now > lastCpu) lastCpu = now;
        return lastCpu;
    }
    public long rssBytes() { return Proc.rssBytes(process.pid()); }
    public String url() { return "http://127.0.0.1:" + port; }

    /** SIGKILL: for checks of what the load generator reports when a server dies mid-run. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
