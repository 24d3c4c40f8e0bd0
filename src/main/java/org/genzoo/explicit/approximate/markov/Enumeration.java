package org.genzoo.explicit.approximate.markov;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * Exact sums over every binary vector of one layer of a Boltzmann machine, with the other layer
 * summed or integrated out analytically:
 * {@code log Σ_{s ∈ {0,1}^n} exp(a·s + Σ_i g(s W)_i)}, where {@code g} is what the other layer
 * contributes per unit (softplus for binary units, a Gaussian integral for Gaussian ones).
 *
 * <p>Done in float64 with the engine, in chunks of configurations, combined by a running
 * log-sum-exp in Java: one chunk is a (chunk, n) by (n, m) product, which the engine's GEMM does
 * far faster than a Java loop, and float64 keeps the sum of 2^20 terms accurate. Memory is
 * bounded by the chunk, never by 2^n.
 */
final class Enumeration {
    /** Bound on chunk × max(n, m) doubles per chunk (32 MB). */
    private static final long ELEMENTS_PER_CHUNK = 1L << 22;

    private Enumeration() {}

    /**
     * {@code log Σ_s exp(s·linear + Σ_i term(s·weights)_i)} over all 2^n binary s.
     *
     * @param linear {@code (n,)} coefficient of s
     * @param weights {@code (n, m)} map from s to the other layer's inputs
     * @param term maps {@code (chunk, m)} float64 inputs to {@code (chunk, m)} per-unit log-factors
     * @param mgr where temporaries go (freed here)
     */
    static double logSum(NDArray linear, NDArray weights, UnaryOperator<NDArray> term, NDManager mgr) {
        int n = (int) weights.getShape().get(0);
        long m = weights.getShape().get(1);
        if (n > 40) {
            throw new IllegalArgumentException("cannot enumerate 2^" + n + " configurations");
        }
        long total = 1L << n;
        long chunk = Math.max(1, Math.min(total, ELEMENTS_PER_CHUNK / Math.max(n, m)));
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0; // Σ exp(t - max)
        try (NDManager sm = mgr.newSubManager()) {
            NDArray a = linear.toType(DataType.FLOAT64, true).reshape(n, 1);
            a.attach(sm);
            NDArray w = weights.toType(DataType.FLOAT64, true);
            w.attach(sm);
            for (long start = 0; start < total; start += chunk) {
                int rows = (int) Math.min(chunk, total - start);
                double[] t;
                try (NDManager cm = sm.newSubManager()) {
                    NDArray s = cm.create(bits(start, rows, n), new Shape(rows, n));
                    NDArray lin = s.matMul(a).reshape(rows); // (rows,)
                    NDArray other = term.apply(s.matMul(w)).sum(new int[] {1}); // (rows,)
                    t = lin.add(other).toDoubleArray();
                }
                for (double v : t) {
                    if (v > max) {
                        sum = sum * Math.exp(max - v) + 1;
                        max = v;
                    } else {
                        sum += Math.exp(v - max);
                    }
                }
            }
        }
        return max + Math.log(sum);
    }

    /** Rows {@code start .. start+rows-1} of the table of all n-bit vectors: bit d of c in column d. */
    static double[] bits(long start, int rows, int n) {
        double[] v = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            long c = start + r;
            for (int d = 0; d < n; d++) {
                v[r * n + d] = (c >> d) & 1;
            }
        }
        return v;
    }
}
