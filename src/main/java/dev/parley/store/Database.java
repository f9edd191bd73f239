package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.parley.chat.StoreException;
import dev.parley.util.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool and schema of one database, chosen by JDBC URL: {@code jdbc:sqlite:<file>}
 * (the default, one instance) or {@code jdbc:postgresql://...} (shared by many instances).
 * Opening migrates the schema to the latest version.
 */
public final class Database implements AutoCloseable {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRES = "jdbc:postgresql:";

    private final HikariDataSource pool;
    private final boolean postgres;
    private final Stores stores;
    /** SQLite's message appends, committed in groups; PostgreSQL groups concurrent commits itself. */
    private final GroupCommit groupCommit;
    /** What the latest writes say, kept fresh by a probe write every second. */
    private final WriteHealth health;

    private Database(HikariDataSource pool, boolean postgres, Path filesDir, MeterRegistry meters) {
        this.pool = pool;
        this.postgres = postgres;
        this.health = new WriteHealth(System::nanoTime);
        Jdbc jdbc = new Jdbc(pool, postgres, health);
        this.groupCommit = postgres ? null : new GroupCommit(pool, health, meters);
        Transactions appends = postgres ? jdbc : groupCommit;
        Clock clock = Clock.systemUTC();
        var files = new JdbcFileStore(jdbc, postgres ? new PostgresBlobs(jdbc) : new DiskBlobs(filesDir));
        this.stores = new Stores(
                new JdbcUserStore(jdbc, clock),
                new JdbcRoomStore(jdbc, clock),
                new FilesOnMessages(new JdbcMessageStore(jdbc, appends, clock), files),
                new JdbcSessionStore(jdbc),
                new JdbcReadMarkStore(jdbc),
                new JdbcPresenceStore(jdbc),
                new Stores.Team(
                        new JdbcSettingStore(jdbc),
                        new JdbcInviteStore(jdbc),
                        new JdbcDefaultRoomStore(jdbc),
                        new JdbcAuditStore(jdbc),
                        new JdbcBotTokenStore(jdbc),
                        new JdbcWebhookStore(jdbc)),
                new JdbcSearchIndex(jdbc),
                files);
    }

    /**
     * @throws IllegalArgumentException when the URL is of neither supported database
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, filesBeside(jdbcUrl), new SimpleMeterRegistry());
    }

    /** Where uploaded files' bytes go on SQLite unless told: a {@code files} directory beside the database. */
    static Path filesBeside(String jdbcUrl) {
        Path file = jdbcUrl == null || !jdbcUrl.startsWith(SQLITE) ? null : JdbcUrls.sqliteFile(jdbcUrl);
        return file == null || file.toAbsolutePath().getParent() == null
                ? Path.of("files")
                : file.toAbsolutePath().getParent().resolve("files");
    }

    /** {@link #open(String)}, reporting the pool (HikariCP's own meters) and SQLite's group commits to {@code meters}. */
    public static Database open(String jdbcUrl, MeterRegistry meters) {
        return open(jdbcUrl, filesBeside(jdbcUrl), meters);
    }

    /**
     * {@link #open(String)}, keeping uploaded files' bytes in {@code filesDir} on SQLite (PostgreSQL
     * keeps them in the database, shared by every instance).
     */
    public static Database open(String jdbcUrl, Path filesDir) {
        return open(jdbcUrl, filesDir, new SimpleMeterRegistry());
    }

    /** {@link #open(String, Path)}, reporting to {@code meters}. */
    public static Database open(String jdbcUrl, Path filesDir, MeterRegistry meters) {
        boolean postgres = jdbcUrl != null && jdbcUrl.startsWith(POSTGRES);
        if (!postgres && (jdbcUrl == null || !jdbcUrl.startsWith(SQLITE))) {
            throw new IllegalArgumentException("unsupported database URL " + Redaction.url(jdbcUrl)
                    + ": use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
        }
        if (!postgres) {
            createParentDirectory(jdbcUrl);
            OwnerOnly.sqliteFiles(JdbcUrls.sqliteFile(jdbcUrl));
        }
        var broken = new BrokenSqliteConnections();
        HikariDataSource pool;
        try {
            HikariConfig config = postgres ? postgresPool(jdbcUrl) : sqlitePool(jdbcUrl, broken);
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot open database " + Redaction.url(jdbcUrl) + ": " + Redaction.reason(e, jdbcUrl), e);
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations(postgres ? "classpath:db/migration/postgresql" : "classpath:db/migration/sqlite")
                    .load();
            refuseNewerSchema(flyway);
            flyway.migrate();
        } catch (NewerSchema e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException(
                    "cannot migrate database " + Redaction.url(jdbcUrl) + ": " + Redaction.reason(e, jdbcUrl), e);
        }
        broken.arm();
        var database = new Database(pool, postgres, filesDir, meters);
        database.health.startProbing(new Jdbc(pool, postgres, database.health));
        return database;
    }

    /** Thrown, before anything is written, for a database a newer Parley has migrated: this jar must not touch it. */
    public static final class NewerSchema extends StoreException {
        NewerSchema(String message) {
            super(message, null);
        }
    }

    /**
     * Flyway ignores migrations it does not know by default ("future" ones) and would run on a
     * schema it does not understand; a downgraded jar refuses instead, having changed nothing.
     */
    private static void refuseNewerSchema(Flyway flyway) {
        String newest = null;
        String knownUpTo = "none";
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getVersion() == null) continue;
            boolean future =
                    m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED;
            if (future) newest = m.getVersion().getVersion();
            else if (m.getState().isResolved()) knownUpTo = m.getVersion().getVersion();
        }
        if (newest == null) return;
        throw new NewerSchema("the database was migrated by a newer version of Parley (schema version " + newest
                + "; this jar knows up to " + knownUpTo
                + "): run that version or newer, or restore a backup taken before the upgrade; nothing was changed");
    }

    private static HikariConfig sqlitePool(String url, BrokenSqliteConnections broken) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        // Take the write lock when a transaction begins, not on its first write: a deferred
        // transaction that reads and then writes fails with SQLITE_BUSY instead of waiting.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-sqlite");
        hikari.setDataSource(StatementCache.over(sqlite));
        // Writers take turns on one file anyway; few connections keep the busy-wait short.
        hikari.setMaximumPoolSize(4);
        hikari.setExceptionOverride(broken);
        return hikari;
    }

    private static HikariConfig postgresPool(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-postgresql");
        hikari.setJdbcUrl(url);
        hikari.setMaximumPoolSize(10);
        hikari.setConnectionTimeout(10_000);
        return hikari;
    }

    private static void createParentDirectory(String url) {
        Path file = JdbcUrls.sqliteFile(url);
        if (file == null || file.toAbsolutePath().getParent() == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException(
                    "cannot open database " + url + ": cannot create directory "
                            + file.toAbsolutePath().getParent() + ": " + Redaction.reason(e, url),
                    e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean isPostgres() {
        return postgres;
    }

    public Stores stores() {
        return stores;
    }

    /** Whether writes go through now; read without touching the database. */
    public WriteHealth.State writeHealth() {
        return health.state();
    }

    @Override
    public void close() {
        health.close();
        if (groupCommit != null) groupCommit.close();
        pool.close();
    }
}
