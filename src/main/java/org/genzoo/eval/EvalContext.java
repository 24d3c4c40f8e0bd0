package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Progress;
import org.genzoo.data.DataKind;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.genzoo.data.View;

/**
 * What every estimator of one evaluation shares: the model, the data, the options, and the
 * scored examples, prepared once (cut to {@code --limit}, shown to the model as its input asks)
 * and reused by each likelihood estimator, so their figures are of the same examples.
 */
public final class EvalContext {
    private final GenerativeModel model;
    private final Dataset data;
    private final EvalOptions options;
    private final Progress progress;
    private final Map<String, Object> memo = new HashMap<>();
    private Split split;
    private View view;
    private String scope;

    /**
     * @param model the model to score
     * @param data the data, whose {@code options.split()} is scored
     * @param options what to evaluate and how
     * @param progress where long work reports
     */
    public EvalContext(GenerativeModel model, Dataset data, EvalOptions options, Progress progress) {
        this.model = model;
        this.data = data;
        this.options = options;
        this.progress = progress;
    }

    /** The model. */
    public GenerativeModel model() {
        return model;
    }

    /** The data. */
    public Dataset data() {
        return data;
    }

    /** The options. */
    public EvalOptions options() {
        return options;
    }

    /** Where long work reports. */
    public Progress progress() {
        return progress;
    }

    /** The model's manager: every estimator's arrays go into sub-managers of it. */
    public NDManager root() {
        return model.params().manager();
    }

    /**
     * A value computed once per evaluation and shared by estimators (for example log Z, which
     * deciding whether {@code partition-exact} applies already computes).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> compute) {
        if (!memo.containsKey(key)) {
            memo.put(key, compute.get());
        }
        return (T) memo.get(key);
    }

    /** The scored examples: the split, cut to the limit, shown to the model as its input asks. */
    public Split split() {
        prepare();
        return split;
    }

    /** How the scored examples are shown to the model. */
    public View view() {
        prepare();
        return view;
    }

    /** Text appended to an estimator's description when only some examples are scored, else empty. */
    public String scope() {
        prepare();
        return scope;
    }

    private void prepare() {
        if (split != null) {
            return;
        }
        Split s = data.split(options.split());
        scope = "";
        if (options.limit() > 0 && s.size() > options.limit()) {
            s = s.head(options.limit());
            scope = " on the first " + options.limit() + " "
                    + ("all".equals(options.split()) ? "examples" : options.split() + " examples");
        }
        view = model.input().evaluationView(data.spec().kind());
        split = view.prepare(s, View.splitSeed(options.seed(), options.split()));
    }

    /**
     * nats to subtract from a continuous density's log p to bound the discrete likelihood of
     * 256-level data that the model sees dequantised: -log P(x) ≤ E_u[-log p((x + u)/256)] +
     * D log 256 (Theis et al. 2016); 0 for any other view.
     */
    public double dequantisationOffset() {
        return view() == View.DEQUANTISED ? data.spec().dim() * Math.log(256) : 0;
    }

    /**
     * Per-example log-likelihoods (or bounds, or estimates) of the scored examples, in batches of
     * {@code batch} rows, in data order, with {@link #dequantisationOffset()} taken off. Each batch
     * is copied to the engine on its own and freed after its step, so memory does not grow with
     * the split.
     */
    public float[] scoreRows(int batch, Function<NDArray, NDArray> f, String task) {
        float[] out = Evaluator.scoreRows(split(), view(), root(), batch, f, progress, task);
        int n = out.length;
        float offset = (float) dequantisationOffset();
        for (int i = 0; i < n; i++) {
            out[i] -= offset; // from a density on [0,1)^D to the 256-level data
        }
        return out;
    }

    /**
     * The figures of per-example log-likelihoods: the mean NLL with its standard error, and bits
     * per dimension for discrete data.
     *
     * @param ll per-example log-likelihoods (or bounds, or estimates) in nats
     * @param estimator how they were computed, for the reader
     * @param kind {@link Metric#EXACT}, {@link Metric#BOUND} (a lower bound on log p, so an upper
     *     bound on the NLL) or {@link Metric#ESTIMATE}
     */
    public List<Metric> nllMetrics(float[] ll, String estimator, String kind) {
        List<Metric> out = new ArrayList<>();
        double[] ms = meanAndStandardError(ll);
        double se = ms[1];
        double nll = -ms[0];
        String side = Metric.BOUND.equals(kind) ? "upper bound on the test NLL" : "test NLL";
        String noteTail = String.format(" (mean of %d examples, standard error %.3g)", ll.length, se);
        out.add(new Metric("nll", nll, "nats", estimator, kind, side + noteTail));
        int dim = data.spec().dim();
        if (data.spec().kind() != DataKind.CONTINUOUS) {
            out.add(new Metric("bits_per_dim", ExactDensity.bitsPerDim(-nll, dim), "bits/dim",
                    "nll / (" + dim + " ln 2)", kind, side.replace("NLL", "bits per dimension")));
        }
        return out;
    }

    /** The {@code --per-example} column name for a metric kind. */
    public static String column(String kind) {
        return switch (kind) {
            case Metric.EXACT -> "log_likelihood_nats";
            case Metric.BOUND -> "lower_bound_nats";
            default -> "estimate_nats";
        };
    }

    /** The mean of {@code v} and its standard error, {@code sd / sqrt(n)}, in double precision. */
    static double[] meanAndStandardError(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(var / Math.max(1, v.length - 1) / v.length)};
    }
}
