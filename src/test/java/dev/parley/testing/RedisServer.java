package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private {@code redis-server} on a free loopback port, owned by one test class so that it may
 * pause ({@code SIGSTOP}), resume, kill and restart it. Keeps nothing on disk: a restart starts
 * empty, as the machine's Redis does.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final String password;
    private Process process;

    private RedisServer(int port, Path dir, String password) {
        this.port = port;
        this.dir = dir;
        this.password = password;
    }

    public static RedisServer start() {
        return start(null);
    }

    /** A server that refuses every command until a client authenticates with {@code password} ({@code requirepass}). */
    public static RedisServer startWithPassword(String password) {
        return start(password);
    }

    private static RedisServer start(String password) {
        try {
            var server = new RedisServer(FreePort.pick(), Files.createTempDirectory("parley-redis"), password);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REDIS_URL Parley is given. */
    public String url() {
        return password == null
                ? "redis://127.0.0.1:" + port
                : "redis://:" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                        + "@127.0.0.1:" + port;
    }

    /** The address without the password: what a client that does not know it would be given. */
    public String urlWithoutPassword() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** SIGSTOP: the process stays, its socket stays open, nothing is answered. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts again on the same port, empty. */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }

    private void launch() {
        try {
            var command = new java.util.ArrayList<>(List.of(
                    "redis-server",
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString(),
                    "--logfile",
                    dir.resolve("redis.log").toString()));
            if (password != null) command.addAll(List.of("--requirepass", password));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("PING\r\n".getBytes());
                int answer = socket.getInputStream().read();
                // With a password a PING answers -NOAUTH: an error is an answer too.
                if (answer == '+' || answer == '-') return;
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive())
                throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .start()
                    .waitFor();
            if (exit != 0) throw new IllegalStateException("kill -" + name + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
