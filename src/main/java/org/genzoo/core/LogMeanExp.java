package org.genzoo.core;

import java.util.Arrays;

/**
 * A running {@code log Σ exp(a)} per row, fed chunk by chunk: the merge that lets an
 * importance-weighted estimate be computed over its samples in pieces with bounded memory and
 * still equal the one-piece result. Each row keeps its largest term {@code m} and
 * {@code s = Σ exp(a - m)} in double precision; a new term larger than {@code m} rescales
 * {@code s}. Written here because it is six lines of arithmetic on Java arrays, which the engine
 * would only make slower.
 */
public final class LogMeanExp {
    private final double[] max;
    private final double[] sum;
    private final boolean[] nan;

    /** @param rows the number of rows (each fed one value per {@link #add}) */
    public LogMeanExp(int rows) {
        max = new double[rows];
        sum = new double[rows];
        nan = new boolean[rows];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /**
     * Adds one chunk: {@code logSums[r] = log Σ_{i in chunk} exp(a_ri)}.
     *
     * @throws IllegalArgumentException when the length is not the number of rows
     */
    public void add(float[] logSums) {
        if (logSums.length != max.length) {
            throw new IllegalArgumentException("expected " + max.length + " values, got " + logSums.length);
        }
        for (int r = 0; r < logSums.length; r++) {
            double v = logSums[r];
            if (Double.isNaN(v)) {
                nan[r] = true;
            } else if (v == Double.NEGATIVE_INFINITY) {
                continue; // exp(-inf) = 0 adds nothing
            } else if (v > max[r]) {
                // s·e^{m - v} + 1; when m = -inf the old sum is empty (0·0 = 0)
                sum[r] = (max[r] == Double.NEGATIVE_INFINITY ? 0 : sum[r] * Math.exp(max[r] - v)) + 1;
                max[r] = v;
            } else {
                sum[r] += Math.exp(v - max[r]); // v = m = +inf gives e^NaN: guarded below
            }
        }
    }

    /** {@code log (1/k) Σ exp(a)} per row: the running log-sum-exp minus {@code log k}. */
    public float[] logMean(int k) {
        float[] out = new float[max.length];
        double logK = Math.log(k);
        for (int r = 0; r < out.length; r++) {
            if (nan[r]) {
                out[r] = Float.NaN;
            } else if (Double.isInfinite(max[r])) {
                out[r] = (float) max[r];
            } else {
                out[r] = (float) (max[r] + Math.log(sum[r]) - logK);
            }
        }
        return out;
    }
}
