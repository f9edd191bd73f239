package dev.parley;

import dev.parley.auth.AccessTokens;
import dev.parley.auth.HashingGate;
import dev.parley.auth.Passwords;
import dev.parley.auth.SigningKey;
import dev.parley.chat.Accounts;
import dev.parley.chat.Admission;
import dev.parley.chat.AuditLog;
import dev.parley.chat.Bots;
import dev.parley.chat.DefaultRooms;
import dev.parley.chat.DomainClock;
import dev.parley.chat.EventBus;
import dev.parley.chat.Invitations;
import dev.parley.chat.LogLevels;
import dev.parley.chat.LoginGuard;
import dev.parley.chat.Messages;
import dev.parley.chat.People;
import dev.parley.chat.Presence;
import dev.parley.chat.PresenceState;
import dev.parley.chat.Quotas;
import dev.parley.chat.RateLimits;
import dev.parley.chat.ReadMarks;
import dev.parley.chat.Rooms;
import dev.parley.chat.Search;
import dev.parley.chat.Sessions;
import dev.parley.chat.Timings;
import dev.parley.chat.Typing;
import dev.parley.chat.TypingState;
import dev.parley.chat.Uploads;
import dev.parley.chat.Webhooks;
import dev.parley.cluster.LocalEventBus;
import dev.parley.cluster.LocalPresenceState;
import dev.parley.cluster.LocalRateLimits;
import dev.parley.cluster.LocalTypingState;
import dev.parley.cluster.MeteredEventBus;
import dev.parley.cluster.Redis;
import dev.parley.cluster.RedisEventBus;
import dev.parley.cluster.RedisPresenceState;
import dev.parley.cluster.RedisRateLimits;
import dev.parley.cluster.RedisTypingState;
import dev.parley.store.Database;
import dev.parley.store.Stores;
import dev.parley.util.FailureLog;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's application: its database and the services built on it, and the domain's clock
 * that expires typing and presence. Transport-free: it runs, and expires, without a server.
 */
public final class Parley implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    public final Config config;
    public final Accounts accounts;
    public final Admission admission;
    public final Invitations invitations;
    public final DefaultRooms defaultRooms;
    public final People people;
    public final AuditLog audit;
    /** Log levels an admin changes at run time. */
    public final LogLevels logLevels;
    /** An admin's export of every room. */
    public final dev.parley.chat.Export export;

    public final Bots bots;
    public final Webhooks webhooks;
    public final Rooms rooms;
    public final Messages messages;
    public final ReadMarks readMarks;
    public final Sessions sessions;
    public final Typing typing;
    public final Presence presence;
    public final Search search;
    public final Uploads uploads;
    public final EventBus bus;
    /** What each person and address may do how often: shared across instances with Redis. */
    public final Quotas quotas;

    public final Clock clock;
    /** Every meter of this instance, scraped at {@code /metrics}. */
    public final PrometheusMeterRegistry meters;
    /** Where this instance's keys and channel live in Redis. */
    static final String KEYS = "parley:";

    private final Database database;
    private final Optional<Redis> redis;
    private final DomainClock domainClock;
    /** Listens to the JVM's collections until closed. */
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    /** Sweeps spent sessions every {@link #SWEEP_EVERY}: one row per refresh would otherwise stay forever. */
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "parley-housekeeping");
        t.setDaemon(true);
        return t;
    });

    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    private Parley(
            Config config, Database database, Optional<Redis> redis, Clock clock, PrometheusMeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        new JvmMemoryMetrics().bindTo(meters);
        gcMetrics.bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        this.database = database;
        this.redis = redis;
        this.clock = clock;
        byte[] secret = SigningKey.load(config.jwtSecret(), config.dataDir());
        this.bus = new MeteredEventBus(
                redis.<EventBus>map(r -> new RedisEventBus(r, KEYS + "events", secret))
                        .orElseGet(LocalEventBus::new),
                meters);
        redis.ifPresent(r -> {
            var roundTrip = Timer.builder("parley.redis.round.trip")
                    .description("Redis PING round trip, probed every half second")
                    .register(meters);
            r.reportRoundTrips(nanos -> roundTrip.record(nanos, TimeUnit.NANOSECONDS));
        });
        Stores stores = database.stores();
        var tokens = new AccessTokens(secret, clock);
        this.sessions = new Sessions(stores.sessions(), stores.users(), tokens, bus, clock);
        RateLimits buckets = redis.<RateLimits>map(r -> new RedisRateLimits(r, KEYS, clock))
                .orElseGet(() -> new LocalRateLimits(clock));
        this.quotas = new Quotas(config.limits(), buckets);
        var passwords = new Passwords(new HashingGate(config.limits().hashConcurrency()));
        var team = stores.team();
        this.audit = new AuditLog(team.audit(), stores.users(), clock);
        this.logLevels = new LogLevels(audit, stores.users());
        this.export = new dev.parley.chat.Export(stores.rooms(), stores.messages(), stores.users(), audit);
        this.defaultRooms = new DefaultRooms(team.defaultRooms(), stores.rooms(), stores.users(), audit, bus);
        this.admission = new Admission(
                stores.users(), team.settings(), team.invites(), defaultRooms, config.registration(), clock);
        this.invitations = new Invitations(team.invites(), admission, stores.users(), audit, clock);
        this.accounts = new Accounts(stores.users(), passwords, new LoginGuard(buckets), quotas, sessions, admission);
        this.people = new People(stores.users(), accounts, sessions, audit, clock);
        this.typing = new Typing(
                redis.<TypingState>map(r -> new RedisTypingState(r, KEYS)).orElseGet(() -> new LocalTypingState(clock)),
                stores.rooms(),
                bus,
                quotas);
        this.rooms = new Rooms(stores.rooms(), accounts, typing, bus, quotas);
        this.messages = new Messages(stores.messages(), rooms, typing, bus, quotas);
        this.bots = new Bots(stores.users(), team.botTokens(), accounts, audit, bus, clock);
        this.webhooks =
                new Webhooks(team.webhooks(), stores.rooms(), bots, messages, stores.users(), audit, bus, clock);
        this.readMarks = new ReadMarks(stores.readMarks(), stores.messages(), rooms, bus);
        this.presence = new Presence(
                redis.<PresenceState>map(r -> new RedisPresenceState(r, KEYS))
                        .orElseGet(() -> new LocalPresenceState(clock)),
                stores.presence(),
                stores.rooms(),
                stores.users(),
                bus,
                clock);
        this.domainClock = DomainClock.start(typing, presence, Timings.TICK);
        this.search = new Search(stores.search(), rooms, stores.users());
        this.uploads =
                new Uploads(stores.files(), rooms, clock, filesDir(config).resolve("spool"), config.maxUploadBytes());
        housekeeping.scheduleWithFixedDelay(this::sweep, 1, SWEEP_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** "SQLite" or "PostgreSQL", for people reading the admin page. */
    public String databaseName() {
        return database.isPostgres() ? "PostgreSQL" : "SQLite";
    }

    public static Parley open(Config config) {
        return open(config, Clock.systemUTC());
    }

    public static Parley open(Config config, Clock clock) {
        prepareDataDir(config.dataDir());
        var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database = Database.open(config.databaseUrl(), filesDir(config), meters);
        Optional<Redis> redis = Optional.empty();
        try {
            redis = config.redisUrl().map(Redis::connect);
            var parley = new Parley(config, database, redis, clock, meters);
            config.admin().ifPresent(name -> {
                if (!parley.accounts.makeAdmin(name)) throw new Config.InvalidConfig("ADMIN: no user named " + name);
            });
            return parley;
        } catch (RuntimeException e) {
            redis.ifPresent(Redis::close);
            database.close();
            throw e;
        }
    }

    /**
     * What keeps the database from taking writes now (empty when nothing): from the latest writes
     * and a probe write every second, read without waiting for the database.
     */
    public Optional<String> databaseProblem() {
        var state = database.writeHealth();
        return state.ready() ? Optional.empty() : Optional.of(state.reason());
    }

    /** Where uploaded files' bytes live on one instance: {@code DATA_DIR/files}, named by their SHA-256. */
    static Path filesDir(Config config) {
        return config.dataDir().resolve("files");
    }

    private void sweep() {
        try {
            int swept = sessions.sweep();
            if (swept > 0) log.info("swept {} expired refresh tokens and ended sessions", swept);
        } catch (RuntimeException e) {
            log.warn("sweeping sessions failed: {}", FailureLog.causes(e));
        }
        sweepFiles();
    }

    /** Deletes uploads never attached to a message within a day; the housekeeping schedule runs it. */
    int sweepFiles() {
        try {
            int swept = uploads.sweep();
            if (swept > 0) log.info("swept {} uploads never attached to a message", swept);
            return swept;
        } catch (RuntimeException e) {
            log.warn("sweeping unattached uploads failed: {}", FailureLog.causes(e));
            return 0;
        }
    }

    private static void prepareDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Config.InvalidConfig("DATA_DIR " + dir + " is not a usable directory ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dir)) throw new Config.InvalidConfig("DATA_DIR " + dir + " is not writable");
    }

    @Override
    public void close() {
        gcMetrics.close();
        meters.close();
        domainClock.close();
        housekeeping.shutdownNow();
        bus.close();
        redis.ifPresent(Redis::close);
        database.close();
    }
}
