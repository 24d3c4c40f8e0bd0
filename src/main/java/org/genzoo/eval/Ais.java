package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Energy;
import org.genzoo.core.Progress;

/**
 * Annealed importance sampling of a partition function (Neal 2001; for RBMs Salakhutdinov and
 * Murray 2008, section 3): M independent runs start from exact draws of the base p_0, move
 * through K intermediate distributions p_β ∝ f_β with {@code 0 = β_0 < β_1 < … < β_K = 1}, each
 * by one transition that leaves p_β invariant, and collect the importance weight
 * {@code log w = Σ_{k=1..K} log f_βk(s_k) - log f_βk-1(s_k)}. Then
 * {@code Ẑ = Z_0 · mean_m w_m}, computed as log Z_0 + log-mean-exp of the log-weights.
 *
 * <p><b>Bias.</b> Ẑ is an unbiased estimate of Z, so by Jensen's inequality
 * {@code E[log Ẑ] ≤ log Z}: log Z tends to be underestimated, and a negative log-likelihood
 * {@code F(x) + log Ẑ} computed with it tends to be too small (too optimistic). The spread
 * reported here does not measure that bias; more intermediate distributions shrink both.
 *
 * <p>Runs are batched: the M states form one {@code (M, dim)} array, so each of the K steps is one
 * batched transition. Each step's temporaries are freed before the next.
 */
public final class Ais {
    private Ais() {}

    /**
     * An AIS estimate of log Z.
     *
     * @param logZ log Ẑ = log Z_0 + log mean_m w_m
     * @param standardError the standard error of log Ẑ by the delta method:
     *     {@code sd(w) / (sqrt(M) · mean(w))}
     * @param logZLow {@code log(Ẑ - 3 σ̂)}, σ̂ = Z_0 · sd(w) / sqrt(M) the standard error of Ẑ, as
     *     Salakhutdinov and Murray (2008) report it; −∞ when Ẑ - 3σ̂ ≤ 0
     * @param logZHigh {@code log(Ẑ + 3 σ̂)}
     * @param intermediates K, the number of intermediate distributions (transitions + 1)
     * @param runs M, the number of independent runs
     * @param seconds wall time of the estimate
     * @param logWeights the M log-weights, log Z_0 not included
     */
    public record Result(double logZ, double standardError, double logZLow, double logZHigh, int intermediates,
            int runs, double seconds, double[] logWeights) {}

    /**
     * The β schedule of Salakhutdinov and Murray (2008, section 4.2) scaled to K steps: of their
     * 14,500, 500 evenly spaced in (0, 0.5], 4,000 in (0.5, 0.9] and 10,000 in (0.9, 1]; K keeps
     * those proportions (at least one step per segment). Dense near 1, where the model's sharp
     * modes make consecutive distributions differ most.
     *
     * @param k number of intermediate distributions, at least 3
     * @return the K + 1 values β_0 = 0 … β_K = 1
     */
    public static double[] schedule(int k) {
        if (k < 3) {
            throw new IllegalArgumentException("intermediates must be at least 3, got " + k);
        }
        int n1 = Math.max(1, (int) Math.round(k * 500.0 / 14_500));
        int n2 = Math.max(1, (int) Math.round(k * 4_000.0 / 14_500));
        int n3 = k - n1 - n2;
        double[] beta = new double[k + 1];
        int i = 1;
        for (int j = 1; j <= n1; j++) {
            beta[i++] = 0.5 * j / n1;
        }
        for (int j = 1; j <= n2; j++) {
            beta[i++] = 0.5 + 0.4 * j / n2;
        }
        for (int j = 1; j <= n3; j++) {
            beta[i++] = 0.9 + 0.1 * j / n3;
        }
        beta[k] = 1;
        return beta;
    }

    /**
     * Estimates log Z of the end of {@code path} with {@link #schedule}(K). Random numbers come
     * from the engine's generator: seed it first for a repeatable estimate.
     *
     * @param runs M, positive
     * @param intermediates K, at least 3
     * @param manager where temporaries go (freed here)
     */
    public static Result logPartition(AnnealingPath path, int runs, int intermediates, NDManager manager) {
        return logPartition(path, runs, schedule(intermediates), manager, Progress.NONE);
    }

    /** {@link #logPartition(AnnealingPath, int, int, NDManager)}, reporting each distribution to {@code progress}. */
    public static Result logPartition(AnnealingPath path, int runs, int intermediates, NDManager manager,
            Progress progress) {
        return logPartition(path, runs, schedule(intermediates), manager, progress);
    }

    /**
     * Estimates log Z along a given schedule.
     *
     * @param beta increasing values from 0 to 1, at least two
     * @param progress told of each intermediate distribution
     */
    public static Result logPartition(AnnealingPath path, int runs, double[] beta, NDManager manager,
            Progress progress) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be positive, got " + runs);
        }
        if (beta.length < 2 || beta[0] != 0 || beta[beta.length - 1] != 1) {
            throw new IllegalArgumentException("beta must run from 0 to 1");
        }
        long t0 = System.nanoTime();
        double[] logW;
        progress.start("AIS log Z", beta.length - 1, " β");
        try (NDManager m = manager.newSubManager()) {
            NDArray state = path.sampleBase(m, runs);
            NDArray lw = m.zeros(new Shape(runs), DataType.FLOAT64);
            for (int k = 1; k < beta.length; k++) {
                if (!(beta[k] > beta[k - 1])) {
                    throw new IllegalArgumentException("beta must increase, at index " + k);
                }
                // one step's temporaries live in sm; the new state and weights are moved out
                try (NDManager sm = m.newSubManager()) {
                    state.attach(sm); // the old state and weights are freed with the step
                    lw.attach(sm);
                    lw = lw.add(path.logRatio(state, beta[k], beta[k - 1]).toType(DataType.FLOAT64, false));
                    lw.attach(m);
                    if (k < beta.length - 1) {
                        state = path.transition(state, beta[k]);
                        state.attach(m);
                    }
                }
                progress.advance(1);
            }
            logW = lw.toDoubleArray();
        } finally {
            progress.end();
        }
        return summarise(logW, path.baseLogPartition(), beta.length - 1, (System.nanoTime() - t0) / 1e9);
    }

    /** log Z_0 + log-mean-exp of the weights, with its spread, from the log-weights. */
    static Result summarise(double[] logW, double logZ0, int k, double seconds) {
        int m = logW.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double mean = 0;
        for (double v : logW) {
            mean += Math.exp(v - max);
        }
        mean /= m;
        double var = 0;
        for (double v : logW) {
            double d = Math.exp(v - max) - mean;
            var += d * d;
        }
        double sd = m > 1 ? Math.sqrt(var / (m - 1)) : Double.NaN;
        double se = sd / Math.sqrt(m); // of mean(w) / e^max
        double logZ = logZ0 + max + Math.log(mean);
        double low = mean - 3 * se > 0 ? logZ0 + max + Math.log(mean - 3 * se) : Double.NEGATIVE_INFINITY;
        double high = logZ0 + max + Math.log(mean + 3 * se);
        return new Result(logZ, se / mean, low, high, k, m, seconds, logW);
    }

    /**
     * A certified lower bound on log Z over binary vectors, to check an AIS estimate against:
     * for any distribution q, {@code log Z = log Σ_v e^{-F(v)} ≥ E_q[-F(v) - log q(v)]} (Jensen),
     * here with q a product of Bernoullis at probabilities {@code p} and the expectation estimated
     * by the mean over {@code draws} draws from q (so the bound holds up to that mean's standard
     * error, returned). It still holds when {@code energy} is a variational upper bound on the free
     * energy, since that only lowers the right-hand side. AIS's failure is a mode its path never
     * reaches; a q fitted to the model's own chains weighs such a mode, so an AIS estimate below
     * this bound is too low by at least the difference.
     *
     * @param p {@code (dim,)} probabilities of a 1, strictly between 0 and 1
     * @return the bound and its Monte Carlo standard error, in nats
     */
    public static Bound jensenLowerBound(Energy energy, NDArray p, int draws, NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            NDArray q = p.toType(DataType.FLOAT32, true);
            q.attach(m);
            NDArray v = m.randomUniform(0f, 1f, new Shape(draws, q.getShape().get(0))).lt(q)
                    .toType(DataType.FLOAT32, false);
            NDArray logQ = v.mul(q.log()).add(v.neg().add(1f).mul(q.neg().add(1f).log())).sum(new int[] {1});
            double[] ms = EvalContext.meanAndStandardError(
                    energy.energy(v).neg().sub(logQ).toType(DataType.FLOAT32, false).toFloatArray());
            return new Bound(ms[0], ms[1]);
        }
    }

    /**
     * A Monte Carlo lower bound on log Z.
     *
     * @param value the bound
     * @param standardError the standard error of its Monte Carlo mean
     */
    public record Bound(double value, double standardError) {}
}
