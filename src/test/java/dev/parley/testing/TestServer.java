package dev.parley.testing;

import dev.parley.Config;
import dev.parley.Parley;
import dev.parley.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Parley instance for integration tests: fresh SQLite in a temp dir, started on a free
 * port, stopped (and its database closed) by {@link #close()}.
 */
public final class TestServer implements AutoCloseable {

    public final Parley parley;
    public Server server;
    /** Where tests reach the server: always the local port, even when a PUBLIC_URL is configured. */
    public final URI base;

    public final Path dataDir;

    private TestServer(Config config, Clock clock) throws Exception {
        this.dataDir = config.dataDir();
        this.parley = Parley.open(config, clock);
        this.server = ParleyServer.create(parley);
        server.start();
        this.base = URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    public static TestServer start() {
        return start(c -> c);
    }

    /** Starts with the test defaults, changed by {@code tweak} (another database, a PUBLIC_URL...). */
    public static TestServer start(UnaryOperator<Config> tweak) {
        return start(tweak, Clock.systemUTC());
    }

    /** Starts with a clock the test controls, to reach expiry and grace windows without sleeping. */
    public static TestServer start(UnaryOperator<Config> tweak, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("parley-it");
            return new TestServer(tweak.apply(Config.forTests(dir)), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test server", e);
        }
    }

    /**
     * Stops the HTTP server (its sockets close with 1012, as in a rolling restart), runs
     * {@code whileDown} against the still-open application and database, and serves again on the
     * same port, as a restarted process would.
     */
    public void restart(Runnable whileDown) {
        try {
            server.stop();
            whileDown.run();
            server = ParleyServer.create(parley, port());
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the test server", e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public int port() {
        return base.getPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            parley.close();
        }
    }
}
