package org.genzoo.eval;

import java.util.List;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.UserError;

/**
 * What to evaluate and how.
 *
 * @param split {@code test}, {@code valid}, {@code train}, or {@code all} (every example of the
 *     data in file order: train, then valid, then test)
 * @param metrics names of {@link Estimators#ALL} to run, or {@value Estimators#NLL} (the model's
 *     primary likelihood estimator and the floor); empty for every one that applies by default
 * @param iwaeK importance samples for a lower-bounded model's NLL
 * @param limit score at most this many examples, the first ones of the split (0: all)
 * @param modeSamples samples drawn to count modes
 * @param modeMin high-quality samples a mode needs to count as covered
 * @param parzenSamples samples for a Parzen-window estimate of a sample-only model's NLL
 * @param seed seed of the evaluation's random numbers and of the fixed binarisation
 * @param memory engine working memory one chunk of the work may use
 * @param partitionTerms the most terms an exact enumeration of log Z may take
 * @param mixingChains independent chains for the mixing estimator
 * @param mixingBurnIn transitions each chain runs before its statistics are recorded
 * @param mixingSteps transitions recorded per chain
 * @param aisRuns independent runs of annealed importance sampling
 * @param aisIntermediates intermediate distributions of each AIS run
 */
public record EvalOptions(String split, List<String> metrics, int iwaeK, int limit, int modeSamples, int modeMin,
        int parzenSamples, long seed, MemoryBudget memory, long partitionTerms, int mixingChains, int mixingBurnIn,
        int mixingSteps, int aisRuns, int aisIntermediates) {

    /** The default budget of an exact log Z: 2^24 terms (an RBM with 24 hidden units). */
    public static final long DEFAULT_PARTITION_TERMS = 1L << 24;
    /** Default chains of the mixing estimator. */
    public static final int DEFAULT_MIXING_CHAINS = 16;
    /** Default burn-in of the mixing estimator. */
    public static final int DEFAULT_MIXING_BURN_IN = 1000;
    /** Default recorded transitions of the mixing estimator. */
    public static final int DEFAULT_MIXING_STEPS = 5000;

    /** Default independent AIS runs (Salakhutdinov &amp; Murray 2008 used 100). */
    public static final int DEFAULT_AIS_RUNS = 100;
    /** Default intermediate distributions of AIS: the 14,500 of Salakhutdinov &amp; Murray 2008. */
    public static final int DEFAULT_AIS_INTERMEDIATES = 14_500;

    /** Every split name {@code --split} takes. */
    public static final List<String> SPLITS = List.of("train", "valid", "test", "all");

    /** Validates every field, naming its flag. */
    public EvalOptions {
        if (!SPLITS.contains(split) && !"validation".equals(split)) {
            throw new UserError("--split: expected train, valid, test or all, got '" + split + "'");
        }
        List<String> known = Estimators.metricNames();
        for (String m : metrics) {
            if (!known.contains(m)) {
                throw new UserError("--metrics: unknown metric '" + m + "'; expected some of " + String.join(",", known));
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
        if (partitionTerms < 1) {
            throw new UserError("--partition-terms: expected a positive whole number, got " + partitionTerms);
        }
        if (mixingChains < 1) {
            throw new UserError("--mixing-chains: expected a positive whole number, got " + mixingChains);
        }
        if (mixingBurnIn < 0) {
            throw new UserError("--mixing-burn-in: expected 0 or more, got " + mixingBurnIn);
        }
        if (mixingSteps < 2) {
            throw new UserError("--mixing-steps: expected 2 or more, got " + mixingSteps);
        }
        if (aisRuns < 2) {
            throw new UserError("--ais-runs: expected 2 or more, got " + aisRuns);
        }
        if (aisIntermediates < 3) {
            throw new UserError("--ais-intermediates: expected 3 or more, got " + aisIntermediates);
        }
        metrics = List.copyOf(metrics);
    }

    /** The options with the default memory budget, partition budget and mixing run. */
    public EvalOptions(String split, List<String> metrics, int iwaeK, int limit, int modeSamples, int modeMin,
            int parzenSamples, long seed, MemoryBudget memory) {
        this(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory, DEFAULT_PARTITION_TERMS,
                DEFAULT_MIXING_CHAINS, DEFAULT_MIXING_BURN_IN, DEFAULT_MIXING_STEPS, DEFAULT_AIS_RUNS,
                DEFAULT_AIS_INTERMEDIATES);
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

    /** A copy with other metrics and limit. */
    public EvalOptions with(String split, List<String> metrics, int iwaeK, int limit) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory,
                partitionTerms, mixingChains, mixingBurnIn, mixingSteps, aisRuns, aisIntermediates);
    }

    /** A copy with another memory budget. */
    public EvalOptions withMemory(MemoryBudget memory) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory,
                partitionTerms, mixingChains, mixingBurnIn, mixingSteps, aisRuns, aisIntermediates);
    }

    /** A copy with another budget for an exact log Z. */
    public EvalOptions withPartitionTerms(long terms) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory, terms,
                mixingChains, mixingBurnIn, mixingSteps, aisRuns, aisIntermediates);
    }

    /** A copy with another mixing run. */
    public EvalOptions withMixing(int chains, int burnIn, int steps) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory,
                partitionTerms, chains, burnIn, steps, aisRuns, aisIntermediates);
    }

    /** A copy with another AIS run: {@code runs} independent runs through {@code intermediates} distributions. */
    public EvalOptions withAis(int runs, int intermediates) {
        return new EvalOptions(split, metrics, iwaeK, limit, modeSamples, modeMin, parzenSamples, seed, memory,
                partitionTerms, mixingChains, mixingBurnIn, mixingSteps, runs, intermediates);
    }
}
