package dev.parley;

import dev.parley.util.Redaction;
import java.util.Arrays;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one Parley instance from the environment and flags; any start-up failure exits non-zero with one line. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(Setting.usage());
            return;
        }
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(archive(args));
        }
        long started = System.nanoTime();
        Parley parley = null;
        try {
            Config config = Config.parse(args, System.getenv());
            if (config.operations().jsonLogs()) Logs.useJson();
            parley = Parley.open(config);
            Server server = ParleyServer.create(parley);
            server.start();
            Parley app = parley;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, app), "parley-shutdown"));
            log.info(
                    "Parley serving {} (database {}) in {} ms",
                    ParleyServer.baseUrl(server, config),
                    Redaction.url(config.databaseUrl()),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable e) {
            System.err.println("parley: cannot start: " + reason(e));
            if (parley != null) parley.close();
            // Jetty and Hikari threads would keep a half-started JVM alive.
            System.exit(1);
        }
    }

    /** {@code backup FILE [flags]} or {@code restore FILE [flags]}: the exit status, after one line saying what happened. */
    private static int archive(String[] args) {
        String command = args[0];
        if (args.length < 2 || args[1].startsWith("--")) {
            System.err.println("parley: usage: java -jar parley.jar " + command + " FILE [flags]");
            return 2;
        }
        java.nio.file.Path file = java.nio.file.Path.of(args[1]);
        try {
            Config config = Config.parse(Arrays.copyOfRange(args, 2, args.length), System.getenv());
            if (command.equals("backup")) {
                Archive.backup(config, file);
                System.out.println("parley: backup written to " + file.toAbsolutePath() + " ("
                        + java.nio.file.Files.size(file) + " bytes)");
            } else {
                Archive.restore(config, file);
                System.out.println("parley: restored " + file + " into " + config.dataDir());
            }
            return 0;
        } catch (Exception e) {
            System.err.println("parley: " + command + " failed: " + reason(e));
            return 1;
        }
    }

    /** How long a stop may take before the process halts anyway (with 1): a load balancer's restart must not wait forever. */
    private static final long STOP_LIMIT_MS = 20_000;

    private static void stop(Server server, Parley parley) {
        log.info("stopping: no new connections, sockets close with 1012, requests drain");
        var watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(STOP_LIMIT_MS);
                        log.error("stopping took over {} ms; halting", STOP_LIMIT_MS);
                        Runtime.getRuntime().halt(1);
                    } catch (InterruptedException stopped) {
                        // stopped in time
                    }
                },
                "parley-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the server: {}", e.toString());
        }
        log.info("server stopped; closing the application");
        parley.close();
        log.info("stopped");
        watchdog.interrupt();
        // The JVM would exit with 143 (128 + SIGTERM) after this hook, which service managers
        // report as a failure; a stop that drained cleanly is a success.
        Runtime.getRuntime().halt(0);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) root = root.getCause();
        if (e instanceof java.io.IOException
                && e.getMessage() != null
                && e.getMessage().contains("bind")) {
            return "the port is taken (" + e.getMessage() + ")";
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
