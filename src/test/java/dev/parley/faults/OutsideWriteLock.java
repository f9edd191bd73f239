package dev.parley.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a SQLite database's write lock, as an operator's {@code sqlite3} shell
 * with {@code BEGIN IMMEDIATE} does, until closed.
 */
final class OutsideWriteLock implements AutoCloseable {

    private final Process shell;
    private final Writer in;
    final long heldSince;

    private OutsideWriteLock(Path database) throws IOException {
        shell = new ProcessBuilder(List.of("sqlite3", database.toString()))
                .redirectErrorStream(true)
                .start();
        in = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
        in.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n");
        in.flush();
        var out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) throw new IllegalStateException("sqlite3 did not take the lock: " + line);
        heldSince = System.nanoTime();
    }

    /** Takes the lock; waits as long as the database's other writers keep it. */
    static OutsideWriteLock take(Path database) {
        try {
            return new OutsideWriteLock(database);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sqlite3 (install the sqlite3 package)", e);
        }
    }

    long heldMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heldSince);
    }

    /** Gives the lock back (the transaction wrote nothing) and ends the shell. */
    @Override
    public void close() throws Exception {
        in.write("ROLLBACK;\n.quit\n");
        in.flush();
        in.close();
        if (!shell.waitFor(10, TimeUnit.SECONDS)) shell.destroyForcibly();
    }
}
