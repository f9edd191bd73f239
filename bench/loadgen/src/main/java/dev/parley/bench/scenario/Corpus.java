package dev.parley.bench.scenario;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * Messages to search: made-up words of two to four syllables, drawn with Zipf's law (the most
 * common word is in about half the messages, most words are rare, as in real chat), a year of
 * history in creation order. Written as tab-separated rows ready for SQLite's {@code .import} and
 * PostgreSQL's {@code COPY}. The same seed gives the same corpus, so both stores get one text.
 */
final class Corpus {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fa", "gu",
            "hi", "jo", "pe", "sa", "te", "wi", "xo", "ly", "an", "el", "or", "us", "im", "ob", "pra", "sti", "ver", "mon"};

    final List<String> vocabulary;
    private final double[] cumulative;
    final Instant start;
    final Duration span = Duration.ofDays(365);

    Corpus(int words, Instant end) {
        Random random = new Random(42);
        var unique = new LinkedHashSet<String>();
        while (unique.size() < words) {
            int n = 2 + random.nextInt(3);
            var w = new StringBuilder();
            for (int i = 0; i < n; i++) w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            unique.add(w.toString());
        }
        vocabulary = new ArrayList<>(unique);
        cumulative = new double[words];
        double sum = 0;
        for (int r = 0; r < words; r++) cumulative[r] = sum += 1.0 / (r + 1);
        for (int r = 0; r < words; r++) cumulative[r] /= sum;
        start = end.minus(span);
    }

    /** The word of this popularity rank (0 is the most common). */
    String word(int rank) {
        return vocabulary.get(rank);
    }

    private String draw(Random random) {
        double x = random.nextDouble();
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return vocabulary.get(lo);
    }

    /**
     * Writes {@code count} rows of {@code room_id, seq, user_id, content, html, created_at}: rooms
     * and authors drawn evenly, 4 to 16 words each, created at even steps over the year.
     *
     * @return the highest seq written per room (index as in {@code roomIds})
     */
    long[] write(Path file, int count, long[] roomIds, long[] userIds) {
        Random random = new Random(7);
        long[] seqs = new long[roomIds.length];
        long startMs = start.toEpochMilli();
        double stepMs = (double) span.toMillis() / count;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var text = new StringBuilder(128);
            for (int i = 0; i < count; i++) {
                int room = random.nextInt(roomIds.length);
                text.setLength(0);
                int n = 4 + random.nextInt(13);
                for (int w = 0; w < n; w++) {
                    if (w > 0) text.append(' ');
                    text.append(draw(random));
                }
                out.append(Long.toString(roomIds[room])).append('\t').append(Long.toString(++seqs[room])).append('\t')
                        .append(Long.toString(userIds[random.nextInt(userIds.length)])).append('\t')
                        .append(text).append('\t').append(text).append('\t')
                        .append(Long.toString(startMs + (long) (i * stepMs))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seqs;
    }
}
