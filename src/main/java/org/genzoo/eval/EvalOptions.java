package org.genzoo.eval;

import java.util.List;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.UserError;

/**
 * What to evaluate and how.
 *
 * @param split {@code test}, {@code valid}, {@code train}, or {@code all} (every example of the
 *     data in file order: train, then valid, then test)
 * @param metrics which metrics: {@code nll}, {@code modes}, {@code sampling}; empty for all that apply
 * @param iwaeK importance samples for a lower-bounded model's NLL
 * @param limit score at most this many examples, the first ones of the split (0: all)
 * @param modeSamples samples drawn to count modes
 * @param modeMin high-quality samples a mode needs to count as covered
 * @param parzenSamples samples for a Parzen-window estimate of a sample-only model's NLL
 * @param seed seed of the evaluation's random numbers and of the fixed binarisation
 * @param memory engine working memory one chunk of the work may use
 */
public record EvalOptions(String split, List<String> metrics, int iwaeK, int limit, int modeSamples, int modeMin,
        int parzenSamples, long seed, MemoryBudget memory) {

    /** Every metric name the evaluator knows. */
    public static final List<String> KNOWN = List.of("nll", "modes", "sampling");

    /** Every split name {@code --split} takes. */
    public static final List<String> SPLITS = List.of("train", "valid", "test", "all");

    /** Validates every field, naming its flag. */
    public EvalOptions {
        if (!SPLITS.contains(split) && !"validation".equals(split)) {
            throw new UserError("--split: expected train, valid, test or all, got '" + split + "'");
        }
        for (String m : metrics) {
            if (!KNOWN.contains(m)) {
                throw new UserError("--metrics: unknown metric '" + m + "'; expected some of " + String.join(",", KNOWN));
            }
        }
        if (iwaeK < 1) {
            throw new UserError("--k: expected a positive whole number, got " + iwaeK);
        }
        if (limit < 0) {
            throw new UserError("--limit: expected 0 or more, got " + limit);
        }
        if (memory == null) {
            memory = MemoryBudget.DEFAULT;
        }
        metrics = List.copyOf(metrics);
    }

    /** The options with the default memory budget. */
    public EvalOptions(String split, List<String> metrics, int iwaeK, int limit, int modeSamples, int modeMin,
            int parzenSamples, long seed) {
        this(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, MemoryBudget.DEFAULT);
    }

    /** The protocol: test split, IWAE k = 5000, 2,500 samples for modes. */
    public static EvalOptions defaults() {
        return new EvalOptions("test", List.of(), 5000, 0, 2500, 20, 10_000, 2016);
    }

    /** Whether {@code metric} was asked for (all are, when none was named). */
    public boolean wants(String metric) {
        return metrics.isEmpty() || metrics.contains(metric);
    }

    /** A copy with other metrics and limit. */
    public EvalOptions with(String split, List<String> metrics, int iwaeK, int limit) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory);
    }

    /** A copy with another memory budget. */
    public EvalOptions withMemory(MemoryBudget memory) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory);
    }
}
