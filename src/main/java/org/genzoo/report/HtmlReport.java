package org.genzoo.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.genzoo.core.AtomicFiles;

/**
 * Builds the self-contained {@code index.html} of {@code genzoo compare}: a title, paragraphs of
 * context, the results table, and sections with figures. The page has inline CSS only, no
 * scripts and no external resources, so it opens from a folder or an archive as it is.
 *
 * <p>Blocks appear in the order they are added; consecutive figures sit side by side and wrap.
 * All text is HTML-escaped, so model names and captions can hold any character. Figures are
 * paths relative to the page (PNG files written into the same output folder).
 *
 * <pre>{@code
 * new HtmlReport("genzoo compare: binarized MNIST")
 *     .paragraph("Binarized MNIST test split, 2025-06-01, 2-core x86_64, PyTorch 2.7.1 CPU.")
 *     .table(List.of("test NLL", "sampling time"), rows)
 *     .section("VAE")
 *     .figure("vae-samples.png", "64 samples from the prior")
 *     .write(outDir.resolve("index.html"));
 * }</pre>
 */
public final class HtmlReport {
    /**
     * One table cell: the text shown, an optional tooltip, an optional line of detail shown in
     * small print under the text (so that it is read in a screenshot, in print and on a touch
     * screen too), and the number that ranks the cell in its column.
     *
     * @param text what the cell shows, e.g. "≤ 87.2 nats"
     * @param title tooltip with further details (standard error, sample count), or {@code null}
     * @param detail how the figure was obtained, shown under it, e.g. "IWAE k=5000", or {@code null}
     * @param value the figure that {@link Better} compares, or {@code null} for a cell that takes
     *     no part in choosing the best of its column
     */
    public record Cell(String text, String title, String detail, Double value) {
        /** Validates that the text is present. */
        public Cell {
            Objects.requireNonNull(text, "text");
        }

        /** A cell with a tooltip, no detail line and no rank. */
        public Cell(String text, String title) {
            this(text, title, null, null);
        }

        /** A cell without tooltip. */
        public static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    /** Which figure of a column is the best one. */
    public enum Better {
        /** The smallest value is best (NLL, time). */
        LOWER,
        /** The largest value is best (modes covered, share of good samples). */
        HIGHER,
        /** The column is not ranked. */
        NONE
    }

    /**
     * One metric column of the table.
     *
     * @param key the name that rows use for their cells
     * @param header what the header shows: the quantity, its unit and its direction, e.g.
     *     "test NLL, nats (lower is better)"
     * @param group a label over consecutive columns of the same group, e.g. "exact NLL"; columns
     *     with different groups are set apart visibly; {@code null} for none
     * @param better how the best value is chosen; it is marked only among the rows of this column,
     *     so columns of figures that do not compare (an exact value, a bound, an estimate) must be
     *     separate columns
     */
    public record Column(String key, String header, String group, Better better) {
        /** Validates the key, header and direction. */
        public Column {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(better, "better");
        }

        /** A column headed by its key, in no group, not ranked. */
        public static Column plain(String key) {
            return new Column(key, key, null, Better.NONE);
        }
    }

    /**
     * One table row: a model and its metrics.
     *
     * @param model model name
     * @param leaf taxonomy leaf, e.g. "explicit / approximate / variational"
     * @param cells metric name to cell, in any order; a metric with no cell shows a dash
     */
    public record Row(String model, String leaf, Map<String, Cell> cells) {
        /** Validates and copies the cells. */
        public Row {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(leaf, "leaf");
            cells = new LinkedHashMap<>(Objects.requireNonNull(cells, "cells"));
        }
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;"
                    + "padding:0 1em;color:#222;line-height:1.45}",
            "h1{font-size:1.6em;margin-bottom:.3em}h2{font-size:1.25em;margin-top:1.8em;"
                    + "border-bottom:1px solid #ddd;padding-bottom:.2em}",
            "table{border-collapse:collapse;margin:1em 0;font-size:.95em}",
            "th,td{border:1px solid #ccc;padding:.35em .7em;text-align:left;vertical-align:top}",
            "th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "td.none{color:#999;text-align:center}td[title]{cursor:help}",
            "tbody tr:nth-child(even){background:#fafafa}.tablewrap{overflow-x:auto}",
            ".figs{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}",
            "figure{margin:.6em 0}figure img{max-width:100%;border:1px solid #e5e5e5}",
            "figcaption{font-size:.9em;color:#555;max-width:640px;margin-top:.3em}",
            "th.group{text-align:center;font-weight:600}th.g0{background:#e3eefa}th.g1{background:#fbe9dc}"
                    + "th.g2{background:#e1f3ec}th.g3{background:#f6e6f0}",
            ".gs{border-left:3px solid #666}td small{display:block;color:#666;font-size:.8em;white-space:normal}",
            "td.best{font-weight:700;background:#fff5cc}p.note{background:#f5f7fa;border-left:4px solid #8aa;"
                    + "padding:.5em .8em}");

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    private sealed interface Block permits Text, Note, Heading, Table, Figure {}

    private record Text(String text) implements Block {}

    private record Note(String text) implements Block {}

    private record Heading(String text) implements Block {}

    private record Table(List<Column> columns, List<Row> rows) implements Block {}

    private record Figure(String path, String caption) implements Block {}

    /** @param title page title, also shown as the top heading */
    public HtmlReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Adds a paragraph of plain text (escaped; line breaks are kept). */
    public HtmlReport paragraph(String text) {
        blocks.add(new Text(Objects.requireNonNull(text, "text")));
        return this;
    }

    /** Adds a paragraph set apart as a note to the reader (escaped; line breaks are kept). */
    public HtmlReport note(String text) {
        blocks.add(new Note(Objects.requireNonNull(text, "text")));
        return this;
    }

    /** Starts a section with a second-level heading. */
    public HtmlReport section(String heading) {
        blocks.add(new Heading(Objects.requireNonNull(heading, "heading")));
        return this;
    }

    /**
     * Adds the results table with columns headed by their metric names, not grouped or ranked.
     *
     * @see #groupedTable(List, List)
     */
    public HtmlReport table(List<String> metricColumns, List<Row> rows) {
        Objects.requireNonNull(metricColumns, "metricColumns");
        return groupedTable(metricColumns.stream().map(Column::plain).toList(), rows);
    }

    /**
     * Adds the results table: columns "Model", "Taxonomy", then {@code columns} in order, under a
     * row of group labels when any column has a group. In each ranked column the best value is
     * marked (bold, shaded and with ★), all of them on a tie, when at least two rows have a value
     * and not all values are equal.
     *
     * @param columns the metric columns, distinct keys, in display order
     * @param rows one row per model; each row's cells must be named in {@code columns}
     * @throws IllegalArgumentException if a key repeats, or a row has a cell for a metric that is
     *     not a column (a typo would otherwise silently drop the value)
     */
    public HtmlReport groupedTable(List<Column> columns, List<Row> rows) {
        List<Column> cols = List.copyOf(Objects.requireNonNull(columns, "columns"));
        List<Row> copy = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Set<String> known = new HashSet<>();
        for (Column c : cols) {
            if (!known.add(c.key())) {
                throw new IllegalArgumentException("columns has a repeated key: " + c.key());
            }
        }
        for (Row row : copy) {
            for (String metric : row.cells().keySet()) {
                if (!known.contains(metric)) {
                    throw new IllegalArgumentException("row '" + row.model() + "' has metric '" + metric
                            + "' which is not among the columns " + known);
                }
            }
        }
        blocks.add(new Table(cols, copy));
        return this;
    }

    /**
     * The rows that hold the best value of a column: the smallest or largest finite value, and
     * every cell whose text reads the same (a difference the table does not show is a tie); none
     * when the column is not ranked, fewer than two rows have a value, or all of them tie.
     */
    static Set<String> best(Column column, List<Row> rows) {
        Set<String> out = new HashSet<>();
        if (column.better() == Better.NONE) {
            return out;
        }
        double best = Double.NaN;
        int ranked = 0;
        for (Row r : rows) {
            Cell c = r.cells().get(column.key());
            if (c == null || c.value() == null || !Double.isFinite(c.value())) {
                continue;
            }
            ranked++;
            double v = c.value();
            if (Double.isNaN(best) || (column.better() == Better.LOWER ? v < best : v > best)) {
                best = v;
            }
        }
        if (ranked < 2) {
            return out;
        }
        // a difference the table cannot show is no difference: cells that read like the best tie
        String bestText = null;
        for (Row r : rows) {
            Cell c = r.cells().get(column.key());
            if (c != null && c.value() != null && c.value() == best) {
                bestText = c.text();
            }
        }
        int tied = 0;
        for (Row r : rows) {
            Cell c = r.cells().get(column.key());
            if (c != null && c.value() != null && Double.isFinite(c.value())
                    && (c.value() == best || c.text().equals(bestText))) {
                out.add(r.model());
                tied++;
            }
        }
        if (tied == ranked) {
            out.clear(); // nobody is better than anybody
        }
        return out;
    }

    /**
     * Adds a picture with a caption; consecutive figures are laid out side by side.
     *
     * @param relativePath path of the image relative to the page, with '/' separators, e.g.
     *     "vae-samples.png"
     * @param caption what the picture shows (plain text)
     * @throws IllegalArgumentException if the path is absolute, has a scheme or a backslash, or
     *     climbs out of the page's folder with ".."
     */
    public HtmlReport figure(String relativePath, String caption) {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(caption, "caption");
        if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.contains(":")
                || relativePath.contains("\\") || List.of(relativePath.split("/")).contains("..")) {
            throw new IllegalArgumentException("relativePath must be a path inside the report folder, like"
                    + " 'samples.png', got '" + relativePath + "'");
        }
        blocks.add(new Figure(relativePath, caption));
        return this;
    }

    /** The page as HTML text. */
    public String toHtml() {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        boolean inFigures = false;
        for (Block block : blocks) {
            boolean isFigure = block instanceof Figure;
            if (isFigure && !inFigures) {
                b.append("<div class=\"figs\">\n");
            } else if (!isFigure && inFigures) {
                b.append("</div>\n");
            }
            inFigures = isFigure;
            if (block instanceof Text t) {
                b.append("<p>").append(escape(t.text()).replace("\n", "<br>\n")).append("</p>\n");
            } else if (block instanceof Note n) {
                b.append("<p class=\"note\">").append(escape(n.text()).replace("\n", "<br>\n")).append("</p>\n");
            } else if (block instanceof Heading h) {
                b.append("<h2>").append(escape(h.text())).append("</h2>\n");
            } else if (block instanceof Table t) {
                appendTable(b, t);
            } else if (block instanceof Figure f) {
                b.append("<figure><img src=\"").append(escape(encodePath(f.path()))).append("\" alt=\"")
                        .append(escape(f.caption())).append("\"><figcaption>").append(escape(f.caption()))
                        .append("</figcaption></figure>\n");
            }
        }
        if (inFigures) {
            b.append("</div>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /**
     * Writes the page as UTF-8, atomically, after checking that every figure it links exists
     * beside it: a page with a broken picture is not written.
     *
     * @throws IllegalStateException naming the pictures that are missing
     */
    public void write(Path html) {
        Objects.requireNonNull(html, "html");
        Path folder = html.toAbsolutePath().getParent();
        List<String> missing = new ArrayList<>();
        for (String f : figures()) {
            if (!Files.isRegularFile(folder.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(html + " would link pictures that do not exist: " + missing);
        }
        AtomicFiles.write(html, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /** The paths of the figures, relative to the page, in the order they appear. */
    public List<String> figures() {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Figure f) {
                out.add(f.path());
            }
        }
        return out;
    }

    private static void appendTable(StringBuilder b, Table t) {
        List<Column> cols = t.columns();
        boolean grouped = cols.stream().anyMatch(c -> c.group() != null);
        // a column starts a group when its group differs from the previous column's
        boolean[] starts = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            starts[i] = grouped && (i == 0 || !Objects.equals(cols.get(i).group(), cols.get(i - 1).group()));
        }
        b.append("<div class=\"tablewrap\"><table>\n<thead>");
        if (grouped) {
            b.append("<tr><th colspan=\"2\"></th>");
            int g = 0;
            for (int i = 0; i < cols.size(); ) {
                int j = i + 1;
                while (j < cols.size() && !starts[j]) {
                    j++;
                }
                String group = cols.get(i).group();
                b.append("<th class=\"group gs").append(group == null ? "" : " g" + (g++ % 4)).append('"');
                if (j - i > 1) {
                    b.append(" colspan=\"").append(j - i).append('"');
                }
                b.append('>').append(group == null ? "" : escape(group)).append("</th>");
                i = j;
            }
            b.append("</tr>\n");
        }
        b.append("<tr><th>Model</th><th>Taxonomy</th>");
        for (int i = 0; i < cols.size(); i++) {
            b.append(starts[i] ? "<th class=\"gs\">" : "<th>").append(escape(cols.get(i).header())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        List<Set<String>> best = new ArrayList<>();
        for (Column c : cols) {
            best.add(best(c, t.rows()));
        }
        for (Row row : t.rows()) {
            b.append("<tr><td>").append(escape(row.model())).append("</td><td>").append(escape(row.leaf()))
                    .append("</td>");
            for (int i = 0; i < cols.size(); i++) {
                Cell cell = row.cells().get(cols.get(i).key());
                String gs = starts[i] ? " gs" : "";
                if (cell == null) {
                    b.append("<td class=\"none").append(gs).append("\" title=\"not measured for this model\">—</td>");
                    continue;
                }
                boolean isBest = best.get(i).contains(row.model());
                b.append("<td class=\"num").append(gs).append(isBest ? " best" : "").append('"');
                if (cell.title() != null && !cell.title().isEmpty()) {
                    b.append(" title=\"").append(escape(cell.title())).append('"');
                }
                b.append('>').append(escape(cell.text()));
                if (isBest) {
                    b.append(" ★");
                }
                if (cell.detail() != null && !cell.detail().isEmpty()) {
                    b.append("<small>").append(escape(cell.detail())).append("</small>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    /** Escapes text for HTML element content and double- or single-quoted attributes. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Percent-encodes what may not stand in a URL path (spaces, '#', '?', '%', non-ASCII). */
    static String encodePath(String path) {
        StringBuilder b = new StringBuilder(path.length() + 8);
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
            if (safe) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
