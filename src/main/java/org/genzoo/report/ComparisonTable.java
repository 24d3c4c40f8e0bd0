package org.genzoo.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.genzoo.eval.Metric;
import org.genzoo.report.HtmlReport.Better;
import org.genzoo.report.HtmlReport.Cell;
import org.genzoo.report.HtmlReport.Column;
import org.genzoo.report.HtmlReport.Row;

/**
 * The results table of {@code genzoo compare}, built from each model's evaluation: headers that
 * say what a figure is, its unit and which way is better, and likelihood figures split by kind.
 *
 * <p>An exact NLL, an upper bound on it (IWAE) and a Parzen estimate are different quantities: a
 * bound can sit far above the truth and a Parzen estimate can land above or below it. So each kind
 * of likelihood figure gets its own column under its own visible group label, and the best value
 * is marked only within a column, never across kinds. The NLL of the true distribution (known for
 * the toy mixtures) and the data's entropy go into a reference group: they are floors to compare
 * against, not scores. Bits per dimension, the NLL over D ln 2, go in small print under the NLL of
 * their kind rather than in columns of their own, which keeps the table within a page's width.
 */
public final class ComparisonTable {
    /** Group of exact likelihood figures. */
    public static final String EXACT_GROUP = "exact NLL";
    /** Group of upper bounds on the NLL. */
    public static final String BOUND_GROUP = "upper bound on NLL (≤)";
    /** Group of Parzen-window likelihood estimates. */
    public static final String ESTIMATE_GROUP = "Parzen estimate, not comparable";
    /** Group of likelihood estimates through an AIS estimate of log Z. */
    public static final String AIS_GROUP = "AIS estimate of NLL";
    /** Group of figures of the data itself. */
    public static final String REFERENCE_GROUP = "reference: the true distribution";
    /** Group of sample-quality figures. */
    public static final String SAMPLES_GROUP = "samples";
    /** Group of a Markov chain's mixing figures. */
    public static final String MIXING_GROUP = "chain mixing";
    /** Group of costs. */
    public static final String COST_GROUP = "cost";
    /** Key of the training-time column. */
    public static final String TRAIN_SECONDS = "train_s";

    /**
     * One evaluated model.
     *
     * @param model model name
     * @param leaf taxonomy leaf
     * @param metrics the evaluation's figures, as the evaluator gave them
     * @param trainSeconds wall time of training, or NaN when unknown
     */
    public record Entry(String model, String leaf, List<Metric> metrics, double trainSeconds) {
        /** Validates and copies. */
        public Entry {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(leaf, "leaf");
            metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        }
    }

    /**
     * The columns and rows of a table.
     *
     * @param columns the columns in display order, grouped
     * @param rows one row per entry
     */
    public record Table(List<Column> columns, List<Row> rows) {}

    private ComparisonTable() {}

    /** Builds the table of the given models; add it with {@link #addTo(HtmlReport, List)}. */
    public static Table of(List<Entry> entries) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            Map<String, Metric> bitsPerDim = new LinkedHashMap<>();
            for (Metric m : e.metrics()) {
                if (m.name().equals("bits_per_dim")) {
                    bitsPerDim.put(m.kind() + "/" + m.source(), m);
                }
            }
            // a second likelihood figure of the same kind (a VAE's ELBO beside its IWAE bound) gets
            // a column of its own, named after its estimator
            Map<String, String> firstSourceOfKind = new LinkedHashMap<>();
            for (Metric m : e.metrics()) {
                if (m.name().equals("nll")) {
                    firstSourceOfKind.putIfAbsent(m.kind(), m.source());
                }
            }
            for (Metric m : e.metrics()) {
                Metric bits = m.name().equals("nll") ? bitsPerDim.get(m.kind() + "/" + m.source()) : null;
                if (m.name().equals("bits_per_dim") && hasNll(e.metrics(), m.kind(), m.source())) {
                    continue; // shown under the NLL of its kind: the same figure over D ln 2
                }
                if (m.name().startsWith("ess_per_transition_")) {
                    continue; // 1/τ: the autocorrelation time's column says the same
                }
                boolean second = (m.name().equals("nll") || m.name().equals("bits_per_dim"))
                        && !m.source().equals(firstSourceOfKind.getOrDefault(m.kind(), m.source()));
                Column c = second ? secondColumn(column(m), m.source()) : column(m);
                columns.putIfAbsent(c.key(), c);
                String detail = detail(m);
                if (bits != null) {
                    detail = detail + "; " + bits.cell().replace("≤ ", "");
                }
                cells.put(c.key(), new Cell(m.cell(), m.kind() + ": " + m.estimator() + "; " + m.note(), detail,
                        m.value()));
            }
            if (Double.isFinite(e.trainSeconds())) {
                Column c = new Column(TRAIN_SECONDS, "training time, s", COST_GROUP, Better.NONE);
                columns.putIfAbsent(c.key(), c);
                cells.put(c.key(), Cell.of(String.format("%.1f s", e.trainSeconds())));
            }
            rows.add(new Row(e.model(), e.leaf(), cells));
        }
        List<Column> ordered = new ArrayList<>(columns.values());
        // stable: within a group, columns keep the order in which the evaluator gave them
        ordered.sort(Comparator.comparingInt(c -> c.group() == null || GROUP_ORDER.indexOf(c.group()) < 0
                ? GROUP_ORDER.size() : GROUP_ORDER.indexOf(c.group())));
        return new Table(ordered, rows);
    }

    /** Adds the table of the given models to a page. */
    public static HtmlReport addTo(HtmlReport page, List<Entry> entries) {
        Table t = of(entries);
        return page.groupedTable(t.columns(), t.rows());
    }

    private static final List<String> GROUP_ORDER =
            List.of(EXACT_GROUP, BOUND_GROUP, AIS_GROUP, ESTIMATE_GROUP, REFERENCE_GROUP, SAMPLES_GROUP,
                    MIXING_GROUP, COST_GROUP);

    /**
     * The column of a metric: likelihood figures get one column per kind, so that an exact value,
     * a bound and an estimate never share a column (nor a best mark).
     */
    static Column column(Metric m) {
        // an AIS estimate of log Z gives a likelihood estimate comparable with the literature's,
        // unlike a Parzen window's: a group and columns of its own
        boolean ais = Metric.ESTIMATE.equals(m.kind()) && "ais".equals(m.source());
        String kind = ais ? "ais" : m.kind();
        String likelihoodGroup = Metric.EXACT.equals(kind) ? EXACT_GROUP
                : Metric.BOUND.equals(kind) ? BOUND_GROUP : ais ? AIS_GROUP : ESTIMATE_GROUP;
        String prefix = Metric.BOUND.equals(kind) ? "≤ " : Metric.ESTIMATE.equals(m.kind()) ? "estimated " : "";
        return switch (m.name()) {
            case "nll" -> new Column("nll/" + kind, prefix + "test NLL, nats (lower is better)", likelihoodGroup,
                    Better.LOWER);
            case "bits_per_dim" -> new Column("bits_per_dim/" + kind,
                    prefix + "bits per dimension (lower is better)", likelihoodGroup, Better.LOWER);
            case "true_nll" -> new Column(m.name(), "true distribution's NLL on the same examples, nats (the floor)",
                    REFERENCE_GROUP, Better.NONE);
            case "data_entropy" -> new Column(m.name(), "entropy of the data, nats (floor of the expected NLL)",
                    REFERENCE_GROUP, Better.NONE);
            case "modes" -> new Column(m.name(), "modes covered (higher is better)", SAMPLES_GROUP, Better.HIGHER);
            case "high_quality" -> new Column(m.name(), "samples near a mode, % (higher is better)", SAMPLES_GROUP,
                    Better.HIGHER);
            case "sample_time" -> new Column(m.name(), "time to draw 100 samples, ms (lower is better)", COST_GROUP,
                    Better.LOWER);
            case "transition_time" -> new Column(m.name(), "Markov chain: one transition of 100 chains, ms "
                    + "(a sample after t transitions costs t times this)", COST_GROUP, Better.LOWER);
            case "log_z" -> new Column(m.name() + "/" + kind, "log Z, nats (" + (ais ? "AIS" : kind) + ")",
                    likelihoodGroup, Better.NONE);
            case "log_z_lower_bound" -> new Column(m.name(), "certified lower bound on log Z, nats (AIS must lie above "
                    + "it)", AIS_GROUP, Better.NONE);
            case "log_z_se" -> new Column(m.name(), "standard error of AIS log Z, nats", AIS_GROUP, Better.NONE);
            case "tau_visible_mean", "tau_energy" -> new Column(m.name(), "Markov chain: autocorrelation time of the "
                    + m.name().substring(4).replace('_', ' ') + ", transitions (lower is better)", MIXING_GROUP,
                    Better.LOWER);
            case "steps_all_modes" -> new Column(m.name(), "Markov chain: transitions to visit every mode from one "
                    + "start, median of chains (lower is better)", MIXING_GROUP, Better.LOWER);
            case "chains_all_modes" -> new Column(m.name(), "Markov chain: chains that visited every mode",
                    MIXING_GROUP, Better.HIGHER);
            default -> new Column(m.name() + "/" + kind, m.name() + (m.unit().isEmpty() ? "" : ", " + m.unit())
                    + " (" + kind + ")", null, Better.NONE);
        };
    }

    private static boolean hasNll(List<Metric> metrics, String kind, String source) {
        return metrics.stream().anyMatch(m -> m.name().equals("nll") && m.kind().equals(kind)
                && m.source().equals(source));
    }

    /** The column of a second likelihood figure of one kind: keyed and headed by its estimator. */
    private static Column secondColumn(Column c, String source) {
        return new Column(c.key() + "/" + source, c.header().replace(", nats", " (" + source + "), nats")
                .replace("dimension (", "dimension, " + source + " ("), c.group(), c.better());
    }

    /** The short line under a likelihood figure that says how it was obtained. */
    private static String detail(Metric m) {
        return switch (m.name()) {
            case "nll", "bits_per_dim" -> m.estimator();
            default -> null;
        };
    }
}
