package dev.parley.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A titled table that prints as aligned text on the console and as Markdown in the results. */
public final class Table {

    public final String title;
    public final List<String> headers;
    public final List<List<String>> rows = new ArrayList<>();

    public Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(String.valueOf(c));
        rows.add(r);
        return this;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        if (!title.isEmpty()) sb.append("**").append(title).append("**\n\n");
        sb.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int i = 0; i < headers.size(); i++) sb.append(i == 0 ? "---|" : "--:|");
        sb.append('\n');
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }

    public String text() {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) w[i] = headers.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length && i < r.size(); i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        if (!title.isEmpty()) sb.append(title).append('\n');
        line(sb, headers, w);
        for (List<String> r : rows) line(sb, r, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append(i == 0 ? String.format("%-" + w[i] + "s", c) : String.format("  %" + w[i] + "s", c));
        }
        sb.append('\n');
    }
}
