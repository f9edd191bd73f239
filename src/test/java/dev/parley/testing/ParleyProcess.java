package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Parley instance in a process of its own, started from the packaged jar the way an operator
 * runs it, so that a test can SIGKILL it or SIGTERM it as a rolling restart does, and start it
 * again on the same port.
 */
public final class ParleyProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "parley.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port;
    private final Path dataDir;
    private final Map<String, String> env;
    private Process process;
    private int starts;

    private ParleyProcess(Map<String, String> env, Path dataDir) {
        this.port = FreePort.pick();
        this.dataDir = dataDir;
        this.env = env;
    }

    /** Starts an instance with these settings (DATABASE_URL, REDIS_URL, JWT_SECRET...) and waits until it is ready. */
    public static ParleyProcess start(Map<String, String> env) {
        try {
            return start(env, Files.createTempDirectory("parley-process"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #start(Map)} on a DATA_DIR the test prepared (a restored backup, say); its log goes there too. */
    public static ParleyProcess start(Map<String, String> env, Path dataDir) {
        if (!Files.isRegularFile(JAR))
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        var instance = new ParleyProcess(env, dataDir);
        instance.launch();
        return instance;
    }

    /** Its DATA_DIR. */
    public Path dataDir() {
        return dataDir;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI uri(String path) {
        return base().resolve(path);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no goodbye to anyone, as a crashed machine. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as a rolling restart sends, and waits for the instance to drain and exit. */
    public void terminate() {
        process.destroy();
        waitForExit(Duration.ofSeconds(30));
    }

    /** How the process exited; only after it did. */
    public int exitCode() {
        return process.exitValue();
    }

    /** What the instance logged so far. */
    public String log() {
        try {
            return Files.readString(dataDir.resolve("parley.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts again on the same port and data dir, and waits until it is ready. */
    public void restart() {
        if (process.isAlive()) terminate();
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) kill();
    }

    private void launch() {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("parley.log").toFile()));
        // Tests sign up many people without invite links, unless they say otherwise.
        builder.environment().put("REGISTRATION", "open");
        // ...and at the pace of a test, from one address: the limits people get are tested where they are the subject.
        for (String rate : List.of(
                "MESSAGE_RATE",
                "TYPING_RATE",
                "JOIN_RATE",
                "ROOM_CREATE_RATE",
                "API_RATE",
                "SOCKET_OPEN_RATE",
                "LOGIN_RATE_PER_ADDRESS",
                "SIGNUP_RATE_PER_ADDRESS")) {
            builder.environment().put(rate, "100000/s,100000");
        }
        builder.environment().put("MAX_ROOMS_PER_PERSON", "100000");
        builder.environment().put("MAX_SOCKETS_PER_PERSON", "1000");
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("DATA_DIR", dataDir.toString());
        try {
            process = builder.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new IllegalStateException(
                        "instance exited at start " + starts + "; see " + dataDir.resolve("parley.log"));
            try {
                var reply = HTTP.send(
                        HttpRequest.newBuilder(uri("/readyz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(
                "instance on port " + port + " did not become ready; see " + dataDir.resolve("parley.log"));
    }

    private void waitForExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("instance on port " + port + " did not exit within " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
