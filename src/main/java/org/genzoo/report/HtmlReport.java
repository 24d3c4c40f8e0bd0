package org.genzoo.report;

import java.nio.charset.StandardCharsets;
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
     * One table cell: the text shown and an optional tooltip.
     *
     * @param text what the cell shows, including the estimator, e.g. "≤ 87.2 nats (IWAE k=5000)"
     * @param title tooltip with details (standard error, sample count), or {@code null}
     */
    public record Cell(String text, String title) {
        /** Validates that the text is present. */
        public Cell {
            Objects.requireNonNull(text, "text");
        }

        /** A cell without tooltip. */
        public static Cell of(String text) {
            return new Cell(text, null);
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
            "td.none{color:#999;text-align:center}td[title]{cursor:help;text-decoration:underline dotted #999}",
            "tbody tr:nth-child(even){background:#fafafa}",
            ".figs{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}",
            "figure{margin:.6em 0}figure img{max-width:100%;border:1px solid #e5e5e5}",
            "figcaption{font-size:.9em;color:#555;max-width:640px;margin-top:.3em}");

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    private sealed interface Block permits Text, Heading, Table, Figure {}

    private record Text(String text) implements Block {}

    private record Heading(String text) implements Block {}

    private record Table(List<String> columns, List<Row> rows) implements Block {}

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

    /** Starts a section with a second-level heading. */
    public HtmlReport section(String heading) {
        blocks.add(new Heading(Objects.requireNonNull(heading, "heading")));
        return this;
    }

    /**
     * Adds the results table: columns "Model", "Taxonomy", then {@code metricColumns} in order.
     *
     * @param metricColumns metric names, distinct, in display order
     * @param rows one row per model; each row's cells must be named in {@code metricColumns}
     * @throws IllegalArgumentException if a metric name repeats, or a row has a cell for a
     *     metric that is not a column (a typo would otherwise silently drop the value)
     */
    public HtmlReport table(List<String> metricColumns, List<Row> rows) {
        List<String> columns = List.copyOf(Objects.requireNonNull(metricColumns, "metricColumns"));
        List<Row> copy = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Set<String> known = new HashSet<>(columns);
        if (known.size() != columns.size()) {
            throw new IllegalArgumentException("metricColumns has a repeated name: " + columns);
        }
        for (Row row : copy) {
            for (String metric : row.cells().keySet()) {
                if (!known.contains(metric)) {
                    throw new IllegalArgumentException("row '" + row.model() + "' has metric '" + metric
                            + "' which is not among metricColumns " + columns);
                }
            }
        }
        blocks.add(new Table(columns, copy));
        return this;
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

    /** Writes the page as UTF-8, atomically. */
    public void write(Path html) {
        Objects.requireNonNull(html, "html");
        AtomicFiles.write(html, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendTable(StringBuilder b, Table t) {
        b.append("<table>\n<thead><tr><th>Model</th><th>Taxonomy</th>");
        for (String c : t.columns()) {
            b.append("<th>").append(escape(c)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Row row : t.rows()) {
            b.append("<tr><td>").append(escape(row.model())).append("</td><td>").append(escape(row.leaf()))
                    .append("</td>");
            for (String c : t.columns()) {
                Cell cell = row.cells().get(c);
                if (cell == null) {
                    b.append("<td class=\"none\" title=\"not measured for this model\">—</td>");
                    continue;
                }
                b.append("<td class=\"num\"");
                if (cell.title() != null && !cell.title().isEmpty()) {
                    b.append(" title=\"").append(escape(cell.title())).append('"');
                }
                b.append('>').append(escape(cell.text())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
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
