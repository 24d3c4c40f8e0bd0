package org.genzoo.implicit.direct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.genzoo.core.nn.Scalars;

/**
 * The squared maximum mean discrepancy between two samples under a mixture of Gaussian kernels:
 * Gretton, Borgwardt, Rasch, Schölkopf and Smola, "A Kernel Two-Sample Test" (JMLR 2012).
 *
 * <p>Kernel: {@code k(x, y) = Σ_s exp(-|x - y|² / (2 σ_s²))} over the bandwidths σ_s. A sum of
 * characteristic kernels is characteristic, so MMD² = 0 exactly when the two distributions are
 * equal; each bandwidth is sensitive to differences at its own scale (the reason Li et al. 2015 sum several).
 *
 * <p>With X = x_1..x_m and Y = y_1..y_n:
 * <ul>
 *   <li>unbiased (their eq. 3, the U-statistic of Lemma 6):
 *       {@code MMD²_u = Σ_{i≠j} k(x_i,x_j) / (m(m-1)) + Σ_{i≠j} k(y_i,y_j) / (n(n-1)) - 2 Σ_{i,j} k(x_i,y_j) / (mn)},
 *       whose expectation is MMD² itself; it can be negative;
 *   <li>biased (their eq. 5, the V-statistic): the same with the diagonal terms kept and divided
 *       by m² and n²: never negative, and above MMD² in expectation by
 *       {@code (E k(x,x) - E k(x,x')) / m + (E k(y,y) - E k(y,y')) / n}. Li et al.'s code minimises
 *       this one (its square root).
 * </ul>
 *
 * <p>Pairwise squared distances are {@code |x|² + |y|² - 2 x·y} (one matrix product), clamped at 0
 * where rounding makes them slightly negative. Everything is in the inputs' floating type: float32
 * in training, float64 in tests. Written here rather than taken from a library because no Java
 * library computes it on DJL arrays with autograd; it is a dozen lines.
 */
public final class Mmd {
    private Mmd() {}

    /** {@code |x_i - y_j|²} for every pair: {@code (m, n)}, in {@code x}'s manager. */
    public static NDArray squaredDistances(NDArray x, NDArray y) {
        NDArray xx = x.square().sum(new int[] {1}, true); // (m, 1)
        NDArray yy = y.square().sum(new int[] {1}, true).transpose(); // (1, n)
        return Scalars.max(xx.add(yy).sub(Scalars.times(x.matMul(y.transpose()), 2)), 0);
    }

    /** The kernel mixture {@code Σ_s exp(-d² / (2 σ_s²))} applied element-wise to squared distances. */
    public static NDArray kernel(NDArray d2, double[] bandwidths) {
        NDArray k = null;
        for (double s : bandwidths) {
            NDArray ks = Scalars.times(d2, -0.5 / (s * s)).exp();
            k = k == null ? ks : k.add(ks);
        }
        return k;
    }

    /** The unbiased estimate MMD²_u of X = {@code x} (m rows) and Y = {@code y} (n rows); a 0-d array. */
    public static NDArray unbiased(NDArray x, NDArray y, double[] bandwidths) {
        long m = rows(x, "x");
        long n = rows(y, "y");
        return Scalars.times(offDiagonalSum(kernel(squaredDistances(x, x), bandwidths)), 1.0 / (m * (m - 1)))
                .add(Scalars.times(offDiagonalSum(kernel(squaredDistances(y, y), bandwidths)), 1.0 / (n * (n - 1))))
                .sub(Scalars.times(kernel(squaredDistances(x, y), bandwidths).sum(), 2.0 / (m * n)));
    }

    /** The biased estimate MMD²_b (diagonal terms kept); a 0-d array, never negative up to rounding. */
    public static NDArray biased(NDArray x, NDArray y, double[] bandwidths) {
        long m = rows(x, "x");
        long n = rows(y, "y");
        return Scalars.times(kernel(squaredDistances(x, x), bandwidths).sum(), 1.0 / ((double) m * m))
                .add(Scalars.times(kernel(squaredDistances(y, y), bandwidths).sum(), 1.0 / ((double) n * n)))
                .sub(Scalars.times(kernel(squaredDistances(x, y), bandwidths).sum(), 2.0 / (m * n)));
    }

    /**
     * The median of {@code |x_i - x_j|} over the pairs i &lt; j of the rows of {@code x}: the
     * "median heuristic" for a Gaussian kernel's bandwidth (Gretton et al. 2012).
     */
    public static double medianDistance(NDArray x) {
        long m = rows(x, "x");
        try (NDManager tmp = x.getManager().newSubManager()) {
            NDArray xs = x.stopGradient();
            xs.attach(tmp);
            NDArray d2 = squaredDistances(xs, xs);
            NDArray i = tmp.arange((int) m).expandDims(1);
            NDArray j = tmp.arange((int) m).expandDims(0);
            NDArray upper = d2.get(i.lt(j)); // the m(m-1)/2 distinct pairs
            double[] v = upper.toType(DataType.FLOAT64, false).toDoubleArray();
            Arrays.sort(v);
            int k = v.length;
            double med = k % 2 == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
            return Math.sqrt(med);
        }
    }

    /** The sum of a square matrix's entries off its diagonal. */
    private static NDArray offDiagonalSum(NDArray k) {
        long m = k.getShape().get(0);
        NDArray eye = k.getManager().eye((int) m).toType(k.getDataType(), false);
        return k.sum().sub(k.mul(eye).sum());
    }

    private static long rows(NDArray a, String name) {
        if (a.getShape().dimension() != 2 || a.getShape().get(0) < 2) {
            throw new IllegalArgumentException(name + " must be a (rows, dim) array with at least 2 rows, got "
                    + a.getShape());
        }
        return a.getShape().get(0);
    }
}
