package dev.parley.bench.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.bench.net.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's results: what it measured (notes), its tables, the raw data and the headline
 * numbers the summary compares against the targets. Written as
 * {@code results/<scenario>.json} and {@code .md}, and printed.
 */
public final class Report {

    public final String scenario;
    public final String title;
    public final String startedAt = Instant.now().toString();
    public final boolean quick;
    public final List<String> notes = new ArrayList<>();
    public final List<Table> tables = new ArrayList<>();
    public final Map<String, Object> data = new LinkedHashMap<>();
    public final Map<String, Double> headline = new LinkedHashMap<>();

    public Report(String scenario, String title, boolean quick) {
        this.scenario = scenario;
        this.title = title;
        this.quick = quick;
    }

    public Report note(String text) {
        notes.add(text);
        return this;
    }

    /** Adds a table (filled in afterwards is fine: tables print when the scenario ends). */
    public Table table(Table t) {
        tables.add(t);
        return t;
    }

    public void print() {
        System.out.println();
        System.out.println("## " + title + (quick ? " (quick run)" : ""));
        for (String n : notes) System.out.println(n);
        for (Table t : tables) {
            System.out.println();
            System.out.print(t.text());
        }
        System.out.flush();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("## ").append(title).append(quick ? " (quick run)" : "").append("\n\n");
        for (String n : notes) sb.append(n).append("\n\n");
        for (Table t : tables) sb.append(t.markdown()).append('\n');
        return sb.toString();
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".md"), markdown());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", scenario);
            json.put("title", title);
            json.put("startedAt", startedAt);
            json.put("quick", quick);
            json.put("notes", notes);
            json.put("headline", headline);
            json.put("data", data);
            Files.writeString(dir.resolve(scenario + ".json"),
                    Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
