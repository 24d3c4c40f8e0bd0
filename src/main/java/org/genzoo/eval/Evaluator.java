package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LowerBound;
import org.genzoo.core.NativeMemory;
import org.genzoo.core.Progress;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;
import org.genzoo.core.UserError;
import org.genzoo.data.DataKind;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.genzoo.data.View;

/**
 * Scores a model the way the literature scores its family, choosing the estimator from the
 * model's capabilities: the exact NLL for an exact density, {@code -L_k} (IWAE, an upper bound
 * on the NLL) for a lower bound, a Parzen-window estimate for a model that only samples. On toy
 * mixtures it counts the modes covered; for every sampler it times sampling.
 */
public final class Evaluator {
    private Evaluator() {}

    /**
     * The evaluation's figures, and each example's log-likelihood (or bound, or estimate) in
     * nats in data order, when an NLL was computed.
     *
     * @param metrics the figures
     * @param perExample per-example log-likelihoods in nats, or null
     * @param perExampleEstimator what {@code perExample} holds
     * @param perExampleColumn the column name for {@code perExample}: {@code log_likelihood_nats}
     *     (exact), {@code lower_bound_nats} (a bound) or {@code estimate_nats} (an estimate)
     */
    public record Result(List<Metric> metrics, float[] perExample, String perExampleEstimator,
            String perExampleColumn) {}

    /** The per-example column name for a metric kind; see {@link Result#perExampleColumn()}. */
    public static String column(String kind) {
        return switch (kind) {
            case Metric.EXACT -> "log_likelihood_nats";
            case Metric.BOUND -> "lower_bound_nats";
            default -> "estimate_nats";
        };
    }

    /**
     * The metrics that apply to {@code model} on {@code data}, each with what it needs: an NLL for
     * any model that has a density, a bound or samples; modes for a sampler on a toy mixture;
     * sampling time for a sampler.
     */
    public static List<String> applicable(GenerativeModel model, Dataset data) {
        List<String> out = new ArrayList<>();
        if (model instanceof ExactDensity || model instanceof LowerBound || model instanceof Sampler) {
            out.add("nll");
        }
        if (model instanceof Sampler && data.mixture().isPresent()) {
            out.add("modes");
        }
        if (model instanceof Sampler) {
            out.add("sampling");
        }
        return out;
    }

    /**
     * Checks that every metric {@code o} names applies to {@code model} on {@code data}.
     *
     * @throws UserError naming the metric and those that do apply
     */
    public static void checkMetrics(GenerativeModel model, Dataset data, EvalOptions o) {
        List<String> ok = applicable(model, data);
        for (String m : o.metrics()) {
            if (!ok.contains(m)) {
                String why = m.equals("modes") ? " (it needs a sampler and data with known modes, such as ring8 or grid25)"
                        : " (the model cannot sample)";
                throw new UserError("--metrics " + m + ": does not apply to " + model.kind() + " on " + data.name() + why
                        + "; metrics that apply: " + (ok.isEmpty() ? "none" : String.join(",", ok)));
            }
        }
    }

    /** Evaluates {@code model} on {@code data} as {@code o} says. */
    public static Result evaluate(GenerativeModel model, Dataset data, EvalOptions o, Progress progress) {
        List<Metric> out = new ArrayList<>();
        float[] perExample = null;
        String estimator = null;
        String column = null;
        NDManager root = model.params().manager();
        if (o.wants("nll")) {
            Split split = data.split(o.split());
            String scope = "";
            if (o.limit() > 0 && split.size() > o.limit()) {
                split = split.head(o.limit());
                scope = " on the first " + o.limit() + " "
                        + ("all".equals(o.split()) ? "examples" : o.split() + " examples");
            }
            View view = model.input().evaluationView(data.spec().kind());
            split = view.prepare(split, View.splitSeed(o.seed(), o.split()));
            // A continuous density on dequantised 256-level data bounds the discrete likelihood:
            // -log P(x) ≤ E_u[-log p((x + u)/256)] + D log 256 (Theis et al. 2016).
            double offset = view == View.DEQUANTISED ? data.spec().dim() * Math.log(256) : 0;
            Seeds.seedEngine(o.seed(), "eval-nll", 0);
            String est = null;
            String kind = null;
            if (model instanceof ExactDensity d) {
                perExample = scoreRows(split, view, root, 500, x -> d.logProb(x), progress, "exact log p");
                estimator = "exact log p(x)";
                est = "exact";
                kind = offset == 0 ? Metric.EXACT : Metric.BOUND;
            } else if (model instanceof LowerBound lb) {
                int k = o.iwaeK();
                // rows per batch: at least one importance sample of each must fit the budget
                int rows = o.memory().fit(lb.boundBytesPerSample(), 100);
                String name = k == 1 ? "ELBO" : "IWAE k=" + k;
                perExample = scoreRows(split, view, root, rows, x -> lb.lowerBound(x, k, o.memory()), progress, name);
                estimator = name + " (lower bound on log p(x))";
                est = name;
                kind = Metric.BOUND;
            } else if (model instanceof Sampler s) {
                Parzen.Fit fit = Parzen.fit(s, data.valid(), o, root, progress);
                perExample = Parzen.score(fit, split, root, progress);
                estimator = String.format("Parzen window, sigma=%.3g (estimate of log p(x))", fit.sigma());
                est = "Parzen window (" + o.parzenSamples() + " samples, sigma="
                        + String.format("%.3g", fit.sigma()) + " fit on valid)";
                kind = Metric.ESTIMATE;
            }
            if (perExample != null) {
                for (int i = 0; i < perExample.length; i++) {
                    perExample[i] -= (float) offset; // from a density on [0,1)^D to the 256-level data
                }
                addNll(out, perExample, data, est + scope, kind);
                column = column(kind);
            }
            if (data.mixture().isPresent()) {
                out.add(new Metric("true_nll", ModeCoverage.trueNll(data.mixture().get(), split), "nats",
                        "the true mixture's log-density, exact", Metric.EXACT,
                        "NLL of the same examples under the distribution that generated them: the floor a model approaches"));
            }
            if (data.entropyNats().isPresent()) {
                out.add(new Metric("data_entropy", data.entropyNats().getAsDouble(), "nats", "exact (enumeration)",
                        Metric.EXACT, "entropy of the true distribution: no model's expected NLL can be lower"));
            }
        }
        if (o.wants("modes") && model instanceof Sampler s && data.mixture().isPresent()) {
            Seeds.seedEngine(o.seed(), "eval-modes", 0);
            ModeCoverage.Counts c = ModeCoverage.count(s, data.mixture().get(), o.modeSamples(), o.modeMin(), root);
            out.add(new Metric("modes", c.covered(), "of " + c.modes(), "nearest centre, >= " + o.modeMin()
                    + " samples within 3 std, of " + o.modeSamples(), Metric.ESTIMATE,
                    "modes covered, counted as in VEEGAN and PacGAN"));
            out.add(new Metric("high_quality", 100.0 * c.highQuality(), "%", "within 3 std of the nearest centre, of "
                    + o.modeSamples() + " samples", Metric.ESTIMATE, "share of samples near some mode"));
        }
        if (o.wants("sampling") && model instanceof Sampler s) {
            Seeds.seedEngine(o.seed(), "eval-sampling", 0);
            double sec = SamplingCost.secondsPer100(s, root);
            out.add(new Metric("sample_time", 1000 * sec, "ms/100", "median of 3 timed batches of 100, after one warm-up",
                    Metric.ESTIMATE, s.oneShotSampling() ? "one network pass per batch" : "sequential passes"));
        }
        return new Result(out, perExample, estimator, column);
    }

    private static void addNll(List<Metric> out, float[] ll, Dataset data, String est, String kind) {
        double mean = 0;
        for (float v : ll) {
            mean += v;
        }
        mean /= ll.length;
        double var = 0;
        for (float v : ll) {
            var += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(var / Math.max(1, ll.length - 1) / ll.length);
        double nll = -mean;
        String side = Metric.BOUND.equals(kind) ? "upper bound on the test NLL" : "test NLL";
        String noteTail = String.format(" (mean of %d examples, standard error %.3g)", ll.length, se);
        out.add(new Metric("nll", nll, "nats", est, kind, side + noteTail));
        int dim = data.spec().dim();
        if (data.spec().kind() != DataKind.CONTINUOUS) {
            out.add(new Metric("bits_per_dim", ExactDensity.bitsPerDim(-nll, dim), "bits/dim",
                    "nll / (" + dim + " ln 2)", kind, side.replace("NLL", "bits per dimension")));
        }
    }

    /**
     * Per-row log-likelihoods (or bounds) of a split, in batches, in data order. Each batch is
     * copied to the engine on its own and freed after its step, so memory does not grow with the
     * split.
     */
    static float[] scoreRows(Split split, View view, NDManager root, int batch,
            Function<NDArray, NDArray> f, Progress progress, String task) {
        int n = split.size();
        float[] out = new float[n];
        progress.start(task, n, " ex");
        try {
            for (int i = 0; i < n; i += batch) {
                int j = Math.min(n, i + batch);
                try (NDManager sm = root.newSubManager()) {
                    System.arraycopy(f.apply(view.apply(split.toNDArray(sm, i, j))).toFloatArray(), 0, out, i, j - i);
                }
                NativeMemory.release(); // the batch's arrays are freed: keep their pages from piling up
                progress.advance(j - i);
            }
            return out;
        } finally {
            progress.end();
        }
    }
}
