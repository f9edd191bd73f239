package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.Database;
import dev.parley.testing.ApiClient;
import dev.parley.testing.JarRun;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Person;
import dev.parley.testing.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, restore and upgrade as an operator does them: the packaged jar, run as commands beside a serving instance. */
class OperatingTheJarIT {

    private static final Person ALICE = new Person("alice", "alice-secret-1");

    @TempDir
    Path dir;

    @Test
    void aBackupTakenDuringAFloodOfSendsRestoresToAServerHoldingEveryAcknowledgedMessage() throws Exception {
        Path archive = dir.resolve("parley-backup.zip");
        Set<Long> ackedBeforeBackup = ConcurrentHashMap.newKeySet();
        long room;
        try (var serving = ParleyProcess.start(Map.of())) {
            var api = new ApiClient(serving.base());
            var alice = api.register(ALICE);
            room = api.createRoom(alice, "flooded", false);
            var acked = new ConcurrentHashMap<Long, Long>(); // seq -> nanoTime of the ack
            var stop = new AtomicBoolean();
            var started = new CountDownLatch(100);
            var senders = new ArrayList<Thread>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                var sender = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        var m = api.say(alice, room, "flood " + thread + "-" + i);
                        acked.put(m.path("seq").asLong(), System.nanoTime());
                        started.countDown();
                    }
                });
                sender.start();
                senders.add(sender);
            }
            started.await();
            long backupStarted = System.nanoTime();
            JarRun backup = JarRun.of(
                    List.of("backup", archive.toString()),
                    Map.of("DATA_DIR", serving.dataDir().toString()));
            stop.set(true);
            for (Thread s : senders) s.join();
            assertThat(backup.exit()).as(backup.stderr()).isZero();
            assertThat(backup.stdout()).startsWith("parley: backup written to");
            acked.forEach((seq, at) -> {
                if (at < backupStarted) ackedBeforeBackup.add(seq);
            });
            System.out.printf(
                    "%d messages acknowledged before the backup began, %d in all%n",
                    ackedBeforeBackup.size(), acked.size());
            assertThat(acked.size()).as("sends went on while the backup ran").isGreaterThan(ackedBeforeBackup.size());
        }

        Path restored = dir.resolve("restored");
        JarRun restore = JarRun.of(List.of("restore", archive.toString()), Map.of("DATA_DIR", restored.toString()));
        assertThat(restore.exit()).as(restore.stderr()).isZero();
        assertThat(restored.resolve("jwt.key")).exists();

        try (var back = ParleyProcess.start(Map.of(), restored)) {
            var api = new ApiClient(back.base());
            var alice = api.login(ALICE);
            List<Long> seqs = new ArrayList<>();
            long after = 0;
            while (true) {
                var page = api.history(alice, room, "?after=" + after + "&limit=200");
                if (page.isEmpty()) break;
                for (var m : page) seqs.add(m.path("seq").asLong());
                after = seqs.get(seqs.size() - 1);
            }
            assertThat(seqs).containsAll(ackedBeforeBackup);
            assertThat(seqs)
                    .as("a snapshot: every message up to the newest, none missing")
                    .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            // ...and it serves: a new message follows the restored ones.
            assertThat(api.say(alice, room, "after the restore").path("seq").asLong())
                    .isEqualTo(seqs.size() + 1);
        }

        JarRun again = JarRun.of(List.of("restore", archive.toString()), Map.of("DATA_DIR", restored.toString()));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stderr().strip()).startsWith("parley: restore failed:").contains("not empty");
    }

    @Test
    void aJarStartedOnADatabaseMigratedByANewerVersionRefusesInOneLineAndChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        String url = "jdbc:sqlite:" + data.resolve("parley.db");
        Database.open(url).close();
        try (var db = DriverManager.getConnection(url);
                var st = db.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success)"
                    + " SELECT max(installed_rank) + 1, '999', 'from the future', 'SQL', 'V999__future.sql', 0,"
                    + " 'test', CURRENT_TIMESTAMP, 1, 1 FROM flyway_schema_history");
        }
        String before = schema(url);

        JarRun run = JarRun.of(List.of(), Map.of("DATA_DIR", data.toString(), "PORT", "0"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr().strip().lines())
                .singleElement()
                .asString()
                .startsWith("parley: cannot start:")
                .contains("newer version of Parley", "999", "nothing was changed");
        assertThat(schema(url)).isEqualTo(before);
    }

    /** The schema and the migration history, as text: what a start that changes nothing leaves as it was. */
    private static String schema(String url) throws Exception {
        var out = new StringBuilder();
        try (var db = DriverManager.getConnection(url);
                var st = db.createStatement();
                var rows = st.executeQuery("SELECT version, description, success FROM flyway_schema_history"
                        + " UNION ALL SELECT name, sql, 0 FROM sqlite_master ORDER BY 1, 2")) {
            while (rows.next())
                out.append(rows.getString(1))
                        .append(' ')
                        .append(rows.getString(2))
                        .append('\n');
        }
        return out.toString();
    }

    @Test
    void backupAndRestoreOfPostgresRefuseWithAPointerToPgDump() throws Exception {
        try (var pg = PostgresDatabase.create()) {
            for (String command : List.of("backup", "restore")) {
                JarRun run = JarRun.of(
                        List.of(command, dir.resolve("x.zip").toString()),
                        Map.of("DATA_DIR", dir.resolve("d").toString(), "DATABASE_URL", pg.url()));
                assertThat(run.exit()).isEqualTo(1);
                assertThat(run.stderr().strip()).contains("pg_dump", "README");
            }
        }
        assertThat(Files.exists(dir.resolve("x.zip"))).isFalse();
    }

    @Test
    void withJsonLogsEveryLineIsAJsonObject() throws Exception {
        try (var serving = ParleyProcess.start(Map.of("LOG_FORMAT", "json"))) {
            String log = serving.log();
            assertThat(log).contains("Parley serving");
            assertThat(log.strip().lines())
                    .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        }
    }
}
