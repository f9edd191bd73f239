package dev.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;

/**
 * A real Parley instance for integration tests: fresh SQLite in a temp dir, started on a free
 * port, stopped (and its database closed) by {@link #close()}.
 */
public final class TestServer implements AutoCloseable {

    public final Parley parley;
    public final Server server;
    public final URI base;
    public final Path dataDir;

    private TestServer(Config config) throws Exception {
        this.dataDir = config.dataDir();
        this.parley = Parley.open(config);
        this.server = ParleyServer.create(parley);
        server.start();
        this.base = URI.create(ParleyServer.baseUrl(server, config));
    }

    public static TestServer start() {
        return start(c -> c);
    }

    /** Starts with the test defaults, changed by {@code tweak} (another database, a PUBLIC_URL...). */
    public static TestServer start(UnaryOperator<Config> tweak) {
        try {
            Path dir = Files.createTempDirectory("parley-it");
            return new TestServer(tweak.apply(Config.forTests(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test server", e);
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
