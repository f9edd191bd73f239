package dev.parley.bench.scenario;

import dev.parley.bench.measure.Histogram;
import dev.parley.bench.proc.Commands;
import dev.parley.bench.report.Fmt;
import dev.parley.bench.report.Report;
import dev.parley.bench.report.Table;
import dev.parley.bench.target.Cast;
import dev.parley.bench.target.Layout;
import dev.parley.bench.target.Member;
import dev.parley.bench.target.ParleyTarget;
import dev.parley.bench.net.Http;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search over a big history: 1,000,000 messages in 500 public rooms, written straight into the
 * database (SQLite's {@code .import}, PostgreSQL's {@code COPY}; the index follows by trigger or
 * generated column, as it would for messages posted live), then one signed-in person searches
 * over {@code GET /api/search}, one query at a time: single words, prefixes, and words with
 * filters, from the most common word to rare ones. Latency is what the HTTP client sees.
 */
public final class Search implements Scenario {

    static final int ROOMS = 500;
    static final int VOCABULARY = 20_000;
    static final int QUERIES_PER_KIND = 30;
    static final int PASSES = 3;

    @Override
    public String name() { return "search"; }

    @Override
    public Report run(Bench bench) {
        var c = bench.config;
        int messages = c.size(1_000_000, 20_000);
        int rooms = c.size(ROOMS, 50);
        Report report = new Report(name(), "Search: latency of GET /api/search over " + Fmt.n(messages) + " messages", c.quick());
        report.note(Fmt.n(messages) + " messages of 4–16 made-up words (" + Fmt.n(VOCABULARY) + " words, Zipf-distributed: the "
                + "commonest is in about half the messages) in " + rooms + " public rooms over a year, seeded into the database "
                + "directly. One person searches every room, one query at a time, first page (20 results): "
                + QUERIES_PER_KIND + " queries per kind from the commonest word to the rarest, " + PASSES
                + " measured passes after one unmeasured. Target: p95 under 50 ms.");
        Table t = report.table(new Table("Search latency (HTTP, end to end)", "target", "store", "query kind", "queries",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "results per query", "seeding s"));
        Map<String, Object> raw = new LinkedHashMap<>();
        if (bench.wants("parley")) {
            for (ParleyTarget target : List.of(bench.parley(), bench.parley("parley-pg", ParleyTarget.Store.POSTGRES, 1, false))) {
                String store = target.name().equals("parley-pg") ? "PostgreSQL" : "SQLite";
                Map<String, Result> results = bench.with(target, report, tg -> measure(target, c.work(), messages, rooms));
                if (results == null) continue;
                raw.put(target.name(), results);
                results.forEach((kind, r) -> {
                    t.row(target.name(), store, kind, r.latency.count(), Fmt.ms(r.latency.p50()), Fmt.ms(r.latency.p95()),
                            Fmt.ms(r.latency.p99()), Fmt.ms(r.latency.max()), Fmt.d1(r.resultsPerQuery), Fmt.d1(r.seedingSeconds));
                    report.headline.put(target.name() + "." + kind + ".p95ms", r.latency.p95() / 1000.0);
                });
            }
        }
        report.data.put("results", raw);
        return report;
    }

    record Result(Histogram.Summary latency, double resultsPerQuery, double seedingSeconds) {}

    private Map<String, Result> measure(ParleyTarget target, Path work, int count, int rooms) {
        Cast cast = target.prepare(Layout.disjointRooms(rooms, 1));
        Corpus corpus = new Corpus(VOCABULARY, Instant.now());
        double seeding = seed(target, cast, corpus, work, count);
        Member searcher = cast.members()[0];
        String base = target.servers().get(0).url();
        Map<String, List<String>> kinds = queries(corpus, cast);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        kinds.values().forEach(qs -> qs.forEach(q -> search(client, base, searcher.token(), q)));
        Map<String, Result> out = new LinkedHashMap<>();
        for (var kind : kinds.entrySet()) {
            Histogram h = new Histogram();
            long hits = 0;
            for (int pass = 0; pass < PASSES; pass++) {
                for (String q : kind.getValue()) {
                    long t0 = System.nanoTime();
                    int found = search(client, base, searcher.token(), q);
                    h.recordNanos(System.nanoTime() - t0);
                    hits += found;
                }
            }
            Histogram.Summary s = h.summary();
            out.put(kind.getKey(), new Result(s, (double) hits / s.count(), seeding));
            System.out.printf("  %-10s %-9s p50 %s ms, p95 %s ms, p99 %s ms, max %s ms%n", target.name(), kind.getKey(),
                    Fmt.ms(s.p50()), Fmt.ms(s.p95()), Fmt.ms(s.p99()), Fmt.ms(s.max()));
        }
        return out;
    }

    /** Words from the commonest to the rarest, log-spaced by rank: what people type spans all of them. */
    static Map<String, List<String>> queries(Corpus corpus, Cast cast) {
        List<String> words = new ArrayList<>(), prefixes = new ArrayList<>(), filtered = new ArrayList<>();
        String midYear = corpus.start.plus(corpus.span.dividedBy(2)).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String lateYear = corpus.start.plus(corpus.span.multipliedBy(3).dividedBy(4)).atZone(ZoneOffset.UTC).toLocalDate().toString();
        for (int k = 0; k < QUERIES_PER_KIND; k++) {
            int rank = (int) Math.round(Math.exp(Math.log(VOCABULARY) * k / (QUERIES_PER_KIND - 1))) - 1;
            String w = corpus.word(rank);
            words.add(w);
            prefixes.add(w.substring(0, Math.min(w.length() - 1, 3 + k % 2)));
            String room = "in:#bench-" + (k * 17 % cast.roomIds().length);
            String author = "from:@" + cast.members()[k * 31 % cast.members().length].name();
            filtered.add(switch (k % 4) {
                case 0 -> room + " " + w;
                case 1 -> author + " " + w;
                case 2 -> "after:" + midYear + " " + w;
                default -> room + " before:" + lateYear + " " + w.substring(0, Math.min(w.length() - 1, 4));
            });
        }
        var kinds = new LinkedHashMap<String, List<String>>();
        kinds.put("word", words);
        kinds.put("prefix", prefixes);
        kinds.put("filtered", filtered);
        return kinds;
    }

    private static int search(HttpClient client, String base, String token, String q) {
        try {
            var req = HttpRequest.newBuilder(URI.create(base + "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(60)).header("authorization", "Bearer " + token).GET().build();
            HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) throw new IllegalStateException("search " + q + " answered " + res.statusCode() + ": " + res.body());
            return Http.JSON.readTree(res.body()).path("results").size();
        } catch (IOException e) {
            throw new IllegalStateException("search " + q + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes the corpus into the target's database behind the running server; returns the seconds it took. */
    private static double seed(ParleyTarget target, Cast cast, Corpus corpus, Path work, int count) {
        long t0 = System.nanoTime();
        long[] userIds = java.util.Arrays.stream(cast.members()).mapToLong(Member::userId).toArray();
        try {
            Path rows = Files.createTempFile(work, "search-corpus", ".tsv");
            try {
                corpus.write(rows, count, cast.roomIds(), userIds);
                String db = target.postgresDatabase();
                if (db == null) seedSqlite(target.dataDir().resolve("parley.db"), rows, work);
                else seedPostgres(db, rows);
            } finally {
                Files.deleteIfExists(rows);
            }
        } catch (IOException e) {
            throw new IllegalStateException("seeding: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %s: %s messages seeded in %.1f s%n", target.name(), Fmt.n(count), seconds);
        return seconds;
    }

    private static final String SET_LAST_SEQ =
            "UPDATE rooms SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_id = rooms.id);";

    private static void seedSqlite(Path database, Path rows, Path work) throws IOException {
        Path script = Files.createTempFile(work, "search-seed", ".sql");
        try {
            Files.writeString(script, String.join("\n",
                    ".timeout 60000",
                    "CREATE TEMP TABLE corpus (room_id, seq, user_id, content, html, created_at);",
                    ".mode tabs",
                    ".import " + rows + " corpus",
                    "BEGIN IMMEDIATE;",
                    "INSERT INTO messages (room_id, seq, user_id, content, html, created_at)"
                            + " SELECT room_id, seq, user_id, content, html, created_at FROM corpus ORDER BY rowid;",
                    SET_LAST_SEQ,
                    "COMMIT;", ""));
            Commands.run(List.of("sqlite3", database.toString(), ".read " + script));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static void seedPostgres(String database, Path rows) {
        List<String> psql = List.of("psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-q");
        var copy = new ArrayList<>(psql);
        copy.addAll(List.of("-c", "\\copy messages (room_id, seq, user_id, content, html, created_at) FROM '" + rows + "'"));
        Commands.run(copy);
        var after = new ArrayList<>(psql);
        after.addAll(List.of("-c", SET_LAST_SEQ, "-c", "ANALYZE messages"));
        Commands.run(after);
    }
}
