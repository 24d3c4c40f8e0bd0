package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.genzoo.eval.Metric;
import org.genzoo.report.HtmlReport.Column;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    private static Metric nll(double v, String kind) {
        String est = switch (kind) {
            case Metric.BOUND -> "IWAE k=5";
            case Metric.ESTIMATE -> "Parzen window";
            default -> "exact";
        };
        return new Metric("nll", v, "nats", est, kind,
                Metric.BOUND.equals(kind) ? "upper bound on the test NLL" : "test NLL");
    }

    private static Metric trueNll() {
        return new Metric("true_nll", 1.0, "nats", "the true mixture", Metric.EXACT, "floor");
    }

    private static Metric modes(int m) {
        return new Metric("modes", m, "of 8", "nearest centre", Metric.ESTIMATE, "modes covered");
    }

    /** Five models: two exact, two bounds, one Parzen estimate that is lower than all of them. */
    private static List<ComparisonTable.Entry> entries() {
        return List.of(
                new ComparisonTable.Entry("vae", "variational",
                        List.of(nll(3.0, Metric.BOUND), trueNll(), modes(8)), 2),
                new ComparisonTable.Entry("gan", "direct", List.of(nll(0.5, Metric.ESTIMATE), trueNll(), modes(7)), 3),
                new ComparisonTable.Entry("vae2", "variational", List.of(nll(2.5, Metric.BOUND), trueNll()), 4),
                new ComparisonTable.Entry("nade", "autoregressive", List.of(nll(4.0, Metric.EXACT)), 5),
                new ComparisonTable.Entry("made", "autoregressive", List.of(nll(3.5, Metric.EXACT),
                        new Metric("bits_per_dim", 0.315, "bits/dim", "nll / (16 ln 2)", Metric.EXACT, "")), 6));
    }

    @Test
    void eachKindHasItsOwnColumnAndTheBestIsMarkedWithinIt() {
        ComparisonTable.Table t = ComparisonTable.of(entries());
        Map<String, Column> byKey = t.columns().stream().collect(Collectors.toMap(Column::key, Function.identity()));
        assertThat(t.columns()).extracting(Column::key).containsExactly("nll/exact", "nll/bound", "nll/estimate",
                "true_nll", "modes", ComparisonTable.TRAIN_SECONDS);
        assertThat(t.columns()).extracting(Column::group).containsExactly(ComparisonTable.EXACT_GROUP,
                ComparisonTable.BOUND_GROUP, ComparisonTable.ESTIMATE_GROUP, ComparisonTable.REFERENCE_GROUP,
                ComparisonTable.SAMPLES_GROUP, ComparisonTable.COST_GROUP);
        // the Parzen estimate (0.5) is the lowest number on the table, yet it wins nothing: the
        // exact column goes to made, the bound column to vae2, and a lone estimate is not ranked
        assertThat(HtmlReport.best(byKey.get("nll/exact"), t.rows())).containsExactly("made");
        assertThat(HtmlReport.best(byKey.get("nll/bound"), t.rows())).containsExactly("vae2");
        assertThat(HtmlReport.best(byKey.get("nll/estimate"), t.rows())).isEmpty();
        assertThat(HtmlReport.best(byKey.get("modes"), t.rows())).containsExactly("vae");
        assertThat(HtmlReport.best(byKey.get("true_nll"), t.rows())).isEmpty();
        // headers say unit and direction; a bound is marked as one
        assertThat(byKey.get("nll/bound").header()).startsWith("≤ ").contains("nats").contains("lower is better");
        assertThat(byKey.get("modes").header()).contains("higher is better");
    }

    @Test
    void thePageShowsKindsApartAndMarksOneBestPerColumn() {
        String page = ComparisonTable.addTo(new HtmlReport("t"), entries()).toHtml();
        assertThat(page).contains(">exact NLL</th>").contains(">upper bound on NLL (≤)</th>")
                .contains(">Parzen estimate, not comparable</th>");
        // made (exact), vae2 (bound) and vae (modes) carry the mark; gan's 0.500 does not
        assertThat(page.split("★", -1)).hasSize(1 + 3);
        assertThat(page).contains("3.50 nats ★").contains("≤ 2.50 nats ★").contains("8 of 8 ★")
                .doesNotContain("0.500 nats ★");
        // the estimator is visible text under each likelihood figure, not only a tooltip, and bits
        // per dimension sit under the NLL of their kind instead of in columns of their own
        assertThat(page).contains("<small>IWAE k=5</small>").contains("<small>Parzen window</small>")
                .contains("<small>exact; 0.315 bits/dim</small>").doesNotContain("bits per dimension (");
    }

    @Test
    void anElboBesideAnIwaeBoundGetsAColumnOfItsOwn() {
        Metric iwae = new Metric("nll", 90.0, "nats", "IWAE k=5000", Metric.BOUND, "upper bound").withSource("iwae");
        Metric elbo = new Metric("nll", 95.0, "nats", "ELBO", Metric.BOUND, "upper bound").withSource("elbo");
        Metric elboBits = new Metric("bits_per_dim", 0.17, "bits/dim", "nll / (784 ln 2)", Metric.BOUND, "upper")
                .withSource("elbo");
        ComparisonTable.Table t = ComparisonTable.of(List.of(
                new ComparisonTable.Entry("vae", "variational", List.of(iwae, elbo, elboBits), 1),
                new ComparisonTable.Entry("vae2", "variational", List.of(iwae.withSource("iwae"),
                        new Metric("nll", 93.0, "nats", "ELBO", Metric.BOUND, "upper bound").withSource("elbo")), 1)));
        Map<String, Column> byKey = t.columns().stream().collect(Collectors.toMap(Column::key, Function.identity()));
        assertThat(t.columns()).extracting(Column::key).containsExactly("nll/bound", "nll/bound/elbo",
                ComparisonTable.TRAIN_SECONDS);
        assertThat(byKey.get("nll/bound/elbo").header()).contains("(elbo)").startsWith("≤ ");
        assertThat(byKey.get("nll/bound/elbo").group()).isEqualTo(ComparisonTable.BOUND_GROUP);
        // the best ELBO is vae2's, even though the two IWAE figures tie
        assertThat(HtmlReport.best(byKey.get("nll/bound/elbo"), t.rows())).containsExactly("vae2");
        // the ELBO's bits per dimension sit under the ELBO, not under the IWAE figure
        assertThat(t.rows().get(0).cells().get("nll/bound/elbo").detail()).contains("0.170 bits/dim");
        assertThat(t.rows().get(0).cells().get("nll/bound").detail()).doesNotContain("bits/dim");
    }
}
