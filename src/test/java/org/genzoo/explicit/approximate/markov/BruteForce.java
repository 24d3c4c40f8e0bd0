package org.genzoo.explicit.approximate.markov;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** What the enumeration tests of this package share: every binary vector, and log-sum-exp in double precision. */
final class BruteForce {
    private BruteForce() {}

    /** log Σ_i e^{t_i}, shifted by the largest term so that no term overflows. */
    static double logSumExp(double[] t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : t) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : t) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    /** Every binary vector of length n, row c holding the bits of c (bit d in column d). */
    static NDArray allBinary(NDManager m, int n) {
        int rows = 1 << n;
        float[] v = new float[rows * n];
        for (int c = 0; c < rows; c++) {
            for (int d = 0; d < n; d++) {
                v[c * n + d] = (c >> d) & 1;
            }
        }
        return m.create(v, new Shape(rows, n));
    }
}
