package dev.parley.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the packaged jar as a command (backup, restore, a start that must fail), to its exit. */
public record JarRun(int exit, String stdout, String stderr) {

    private static final Path JAR = Path.of("target", "parley.jar");

    /** Runs {@code java -jar parley.jar args...} with {@code env} (Parley's own settings from this JVM's environment left out). */
    public static JarRun of(List<String> args, Map<String, String> env) {
        if (!Files.isRegularFile(JAR))
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        var command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        builder.environment()
                .keySet()
                .removeIf(name -> name.matches("[A-Z_]+")
                        && !name.equals("PATH")
                        && !name.equals("HOME")
                        && !name.equals("TMPDIR")
                        && !name.equals("LANG"));
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            // Read both streams while it runs: a full pipe would stall it.
            var out = p.getInputStream();
            var err = p.getErrorStream();
            var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(out));
            var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("parley " + args + " did not exit");
            }
            return new JarRun(p.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
