package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.NativeMemory;
import org.genzoo.core.Progress;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.genzoo.data.View;

/**
 * Scores a model the way the literature scores its family: runs every estimator of the registry
 * ({@link Estimators}) that applies, or those {@code --metrics} names, and reports each one's
 * figures separately, so that a VAE shows its ELBO and its IWAE bound side by side and a model
 * with an exact density can also be given a Parzen estimate.
 */
public final class Evaluator {
    private Evaluator() {}

    /**
     * The evaluation's figures, and each example's log-likelihood (or bound, or estimate) in
     * nats in data order, from the primary likelihood estimator when it ran, else from the first
     * likelihood estimator that ran.
     *
     * @param metrics the figures, each with its {@link Metric#source()}
     * @param perExample per-example log-likelihoods in nats, or null
     * @param perExampleEstimator the registered name of the estimator {@code perExample} comes from
     * @param perExampleColumn the column name for {@code perExample}: {@code log_likelihood_nats}
     *     (exact), {@code lower_bound_nats} (a bound) or {@code estimate_nats} (an estimate)
     */
    public record Result(List<Metric> metrics, float[] perExample, String perExampleEstimator,
            String perExampleColumn) {}

    /** The per-example column name for a metric kind; see {@link Result#perExampleColumn()}. */
    public static String column(String kind) {
        return EvalContext.column(kind);
    }

    /** Evaluates {@code model} on {@code data} as {@code o} says. */
    public static Result evaluate(GenerativeModel model, Dataset data, EvalOptions o, Progress progress) {
        EvalContext c = new EvalContext(model, data, o, progress);
        return evaluate(c, Estimators.select(c));
    }

    /** Runs {@code chosen} (from {@link Estimators#select}) in {@code c}. */
    public static Result evaluate(EvalContext c, List<Estimator> chosen) {
        List<Metric> out = new ArrayList<>();
        Estimator primary = Estimators.primary(c);
        Estimator.Estimate per = null;
        String perName = null;
        for (Estimator e : chosen) {
            Estimator.Estimate r = e.estimate(c);
            r.metrics().forEach(m -> out.add(m.withSource(e.name())));
            if (r.perExample() != null && (per == null || e == primary)) {
                per = r;
                perName = e.name();
            }
        }
        return per == null ? new Result(out, null, null, null)
                : new Result(out, per.perExample(), perName, per.column());
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
