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
import org.genzoo.report.HtmlReport.Better;
import org.genzoo.report.HtmlReport.Cell;
import org.genzoo.report.HtmlReport.Column;
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

    /** Writes stand-in files for the figures of {@link #report()}. */
    private void pictures() throws Exception {
        for (String f : List.of("vae samples.png", "vae-recon.png", "sampling-time.png")) {
            Files.write(dir.resolve(f), new byte[] {1});
        }
    }

    @Test
    void escapesScriptAndContainsEveryRow() throws Exception {
        Path html = dir.resolve("index.html");
        pictures();
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
        HtmlReport page = new HtmlReport("t").table(List.of("test NLL"), rows().subList(0, 1).stream()
                .map(r -> new Row(r.model(), r.leaf(), Map.of("test NLL", r.cells().get("test NLL")))).toList());
        assertThatThrownBy(() -> page.write(blocker.resolve("out/index.html")))
                .isInstanceOf(UncheckedIOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    @Test
    void everyLinkedPictureExistsAndAMissingOneIsCaught() throws Exception {
        Path html = dir.resolve("index.html");
        pictures();
        report().write(html);
        assertThat(PageChecks.imageSources(html)).containsExactly("vae%20samples.png", "vae-recon.png",
                "sampling-time.png");
        assertThat(PageChecks.missingImages(html)).isEmpty();
        // negative control: the same check reports a page whose picture is gone
        Files.delete(dir.resolve("vae-recon.png"));
        assertThat(PageChecks.missingImages(html)).containsExactly("vae-recon.png");
    }

    @Test
    void writeRefusesAPageWithAMissingPicture() throws Exception {
        Path html = dir.resolve("index.html");
        HtmlReport page = new HtmlReport("t").figure("gan/samples.png", "samples");
        assertThatThrownBy(() -> page.write(html)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gan/samples.png");
        assertThat(html).doesNotExist();
        Files.createDirectories(dir.resolve("gan"));
        Files.write(dir.resolve("gan/samples.png"), new byte[] {1});
        page.write(html);
        assertThat(PageChecks.missingImages(html)).isEmpty();
    }

    @Test
    void headersSayUnitAndDirectionAndGroupsAreVisible() throws Exception {
        Column nll = new Column("nll", "test NLL, nats (lower is better)", "exact NLL", Better.LOWER);
        Column modes = new Column("modes", "modes covered (higher is better)", "samples", Better.HIGHER);
        Column time = new Column("t", "training time, s", "samples", Better.NONE);
        List<Row> rows = List.of(
                new Row("a", "leaf", Map.of("nll", new Cell("5 nats", null, "exact", 5.0), "modes",
                        new Cell("7 of 8", null, null, 7.0), "t", new Cell("1 s", null, null, 1.0))),
                new Row("b", "leaf", Map.of("nll", new Cell("4 nats", null, "exact", 4.0), "modes",
                        new Cell("8 of 8", null, null, 8.0), "t", new Cell("9 s", null, null, 9.0))),
                new Row("c", "leaf", Map.of("modes", new Cell("8 of 8", null, null, 8.0))));
        String page = new HtmlReport("t").groupedTable(List.of(nll, modes, time), rows).toHtml();
        // the group row spans its columns; headers carry units and direction as visible text
        assertThat(page).containsSubsequence("<th class=\"group gs g0\">exact NLL</th>",
                "<th class=\"group gs g1\" colspan=\"2\">samples</th>",
                "<th class=\"gs\">test NLL, nats (lower is better)</th>");
        // lower NLL wins, higher modes win (a tie marks both), an unranked column marks nobody
        assertThat(HtmlReport.best(nll, rows)).containsExactly("b");
        assertThat(HtmlReport.best(modes, rows)).containsExactlyInAnyOrder("b", "c");
        assertThat(HtmlReport.best(time, rows)).isEmpty();
        assertThat(page).contains("best\">4 nats ★<small>exact</small></td>").contains(">5 nats<small>exact</small>")
                .doesNotContain("9 s ★");
        // a single value in a column is not "best" of anything, nor is a value all rows share
        assertThat(HtmlReport.best(nll, rows.subList(1, 3))).isEmpty();
        assertThat(HtmlReport.best(modes, rows.subList(1, 3))).isEmpty();
        // values that differ beyond the digits shown tie: the table cannot show who is better
        List<Row> close = List.of(
                new Row("x", "leaf", Map.of("nll", new Cell("4.00 nats", null, null, 4.0004))),
                new Row("y", "leaf", Map.of("nll", new Cell("4.00 nats", null, null, 4.0001))),
                new Row("z", "leaf", Map.of("nll", new Cell("4.50 nats", null, null, 4.5))));
        assertThat(HtmlReport.best(nll, close)).containsExactlyInAnyOrder("x", "y");
        assertThat(HtmlReport.best(nll, close.subList(0, 2))).isEmpty();
    }
}
