package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as an operator meets it: --help, start-up, and start-up failures. */
class MainIT {

    private static final Path JAR = Path.of("target/parley.jar");

    @TempDir
    Path dir;

    @Test
    void helpDocumentsEverySetting() throws Exception {
        Run run = run(List.of("--help"), Map.of());
        assertThat(run.exit).isZero();
        for (String setting :
                List.of("PORT", "DATA_DIR", "DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "JWT_SECRET", "ADMIN", "DEV")) {
            assertThat(run.stdout).contains(setting);
        }
        assertThat(run.stdout)
                .contains("--port", "--data-dir", "--database-url", "--redis-url", "--public-url", "--jwt-secret");
    }

    @Test
    void anUnreachableDatabaseExitsNonZeroWithOneClearLine() throws Exception {
        Run run = run(
                List.of("--port", "0"),
                Map.of(
                        "DATA_DIR",
                        dir.toString(),
                        "DATABASE_URL",
                        "jdbc:postgresql://127.0.0.1:1/parley?user=parley&password=hunter2"));
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip().lines())
                .singleElement()
                .asString()
                .startsWith("parley: cannot start:")
                .containsIgnoringCase("refused")
                .doesNotContain("hunter2");
    }

    @Test
    void redisWithSqliteIsRefusedInOneLine() throws Exception {
        Run run = run(
                List.of("--port", "0"),
                Map.of(
                        "DATA_DIR",
                        dir.toString(),
                        "REDIS_URL",
                        "redis://127.0.0.1:6379",
                        "JWT_SECRET",
                        "0123456789abcdef0123456789abcdef"));
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip().lines())
                .singleElement()
                .asString()
                .contains("REDIS_URL")
                .contains("PostgreSQL");
    }

    @Test
    void anUnreachableRedisExitsNonZeroWithOneClearLine() throws Exception {
        try (var db = dev.parley.testing.PostgresDatabase.create()) {
            Run run = run(
                    List.of("--port", "0"),
                    Map.of(
                            "DATA_DIR",
                            dir.toString(),
                            "DATABASE_URL",
                            db.url(),
                            "REDIS_URL",
                            "redis://:hunter2@127.0.0.1:1",
                            "JWT_SECRET",
                            "0123456789abcdef0123456789abcdef"));
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.stderr.strip().lines())
                    .singleElement()
                    .asString()
                    .startsWith("parley: cannot start: cannot reach Redis")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void aMalformedDatabaseUrlExitsNonZero() throws Exception {
        Run run = run(List.of("--database-url", "mysql://localhost/x"), Map.of("DATA_DIR", dir.toString()));
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip().lines()).singleElement().asString().contains("DATABASE_URL must start with");
    }

    @Test
    void aTakenPortExitsNonZeroWithOneClearLine() throws Exception {
        try (var taken = new ServerSocket(0)) {
            Run run =
                    run(List.of("--port", Integer.toString(taken.getLocalPort())), Map.of("DATA_DIR", dir.toString()));
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.stderr.strip().lines())
                    .singleElement()
                    .asString()
                    .contains("port")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void anUnusableDataDirExitsNonZeroWithOneClearLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Run run = run(List.of(), Map.of("DATA_DIR", file.toString(), "PORT", "0"));
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.stderr.strip().lines())
                .singleElement()
                .asString()
                .contains("DATA_DIR")
                .contains(file.toString());
    }

    @Test
    void startsServesAndKeepsItsGeneratedKeyPrivate() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process p = process(List.of("--port", Integer.toString(port), "--data-dir", dir.toString()), Map.of());
        try {
            var client = HttpClient.newHttpClient();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                try {
                    status = client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).isEqualTo(200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt.key"))))
                    .isEqualTo("rw-------");
            assertThat(dir.resolve("parley.db")).exists();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(List<String> args, Map<String, String> env) throws Exception {
        Process p = process(args, env);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("parley did not exit");
        }
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes()),
                new String(p.getErrorStream().readAllBytes()));
    }

    private Process process(List<String> args, Map<String, String> env) throws IOException {
        assertThat(JAR).as("the jar is built before integration tests").exists();
        var command = new java.util.ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        for (String name :
                List.of("PORT", "DATA_DIR", "DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "JWT_SECRET", "ADMIN", "DEV")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
