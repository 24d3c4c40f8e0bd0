package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.report.HtmlReport.Cell;
import org.genzoo.report.HtmlReport.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir Path dir;

    private static List<Row> rows() {
        Map<String, Cell> vae = new LinkedHashMap<>();
        vae.put("test NLL", new Cell("≤ 87.2 nats (IWAE k=5000)", "standard error 0.1 over 10000 images"));
        vae.put("samples/s", Cell.of("12000"));
        Map<String, Cell> evil = new LinkedHashMap<>();
        evil.put("samples/s", Cell.of("3 < 4 & \"ok\""));
        return List.of(
                new Row("VAE", "explicit / approximate / variational", vae),
                new Row("<script>alert(1)</script>", "implicit / direct", evil));
    }

    private static HtmlReport report() {
        return new HtmlReport("genzoo compare: binarized MNIST")
                .paragraph("Binarized MNIST, 2025-06-01, 2-core x86_64.")
                .table(List.of("test NLL", "samples/s"), rows())
                .section("VAE")
                .figure("vae samples.png", "64 samples from the prior")
                .figure("vae-recon.png", "inputs | reconstructions")
                .section("Sampling cost")
                .figure("sampling-time.png", "seconds per 1000 samples");
    }

    @Test
    void escapesScriptAndContainsEveryRow() throws Exception {
        Path html = dir.resolve("index.html");
        report().write(html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).contains("3 &lt; 4 &amp; &quot;ok&quot;");
        // one row per model, cells in column order, a dash for the missing metric
        assertThat(page).containsSubsequence(
                "<th>Model</th><th>Taxonomy</th><th>test NLL</th><th>samples/s</th>",
                "<td>VAE</td><td>explicit / approximate / variational</td>",
                "title=\"standard error 0.1 over 10000 images\">≤ 87.2 nats (IWAE k=5000)</td>",
                ">12000</td></tr>",
                "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>implicit / direct</td><td class=\"none\"",
                ">—</td>");
        assertThat(page.split("<tr>", -1)).hasSize(1 + 3); // header + 2 rows
        // consecutive figures share one flex row; the space in the file name is encoded
        assertThat(page).containsSubsequence("<h2>VAE</h2>", "<div class=\"figs\">", "src=\"vae%20samples.png\"",
                "src=\"vae-recon.png\"", "</div>", "<h2>Sampling cost</h2>", "<div class=\"figs\">",
                "sampling-time.png", "</div>");
        assertThat(page).doesNotContain("http").doesNotContain("<link").startsWith("<!DOCTYPE html>");
    }

    @Test
    void rejectsUnknownMetricAndEscapingPaths() {
        Map<String, Cell> typo = Map.of("tset NLL", Cell.of("1"));
        assertThatThrownBy(() -> new HtmlReport("t").table(List.of("test NLL"), List.of(new Row("VAE", "leaf", typo))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tset NLL'");
        for (String bad : List.of("/etc/passwd", "../x.png", "a/../../x.png", "javascript:alert(1)", "a\\b.png", "")) {
            assertThatThrownBy(() -> new HtmlReport("t").figure(bad, "c"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unwritableParentFailsAndLeavesNothing() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> report().write(blocker.resolve("out/index.html")))
                .isInstanceOf(UncheckedIOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }
}
