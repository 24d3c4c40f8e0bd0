package org.genzoo.explicit.approximate.variational;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Seeds;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.junit.jupiter.api.Test;

/**
 * ELBO ≤ IWAE_k ≤ log p(x), with the bound rising toward log p as k grows (Burda et al. 2015,
 * theorem 1), checked on a linear-Gaussian VAE whose log p(x) is known in closed form.
 *
 * <p>With no hidden decoder layer and a learned diagonal variance, the decoder is
 * {@code x = W z + b + ε}, {@code ε ~ N(0, Ψ)}, {@code z ~ N(0, I)}: factor analysis (probabilistic
 * PCA when Ψ is isotropic), whose marginal is {@code x ~ N(b, W Wᵀ + Ψ)}. The test computes that
 * log-density in double precision by a Cholesky factorisation written here, independently of
 * the model's code. The encoder is left at its random initialisation, so q(z|x) is poor and the
 * gaps between the bounds are wide.
 */
class VaeBoundsTest {
    private static final int D = 4;
    private static final int L = 2;
    private static final int REPS = 2000;

    @Test
    void boundsAreOrderedAndRiseTowardTheExactLogLikelihood() {
        Seeds.seedEngine(7, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            VaeConfig cfg = new VaeConfig(new int[] {16}, new int[] {}, L, "tanh", "gaussian", 1);
            Vae vae = new Vae(cfg, DataSpec.vector(D, DataKind.CONTINUOUS), root);
            // a decoder variance other than 1, so Ψ matters
            vae.params().get("decoder.logvar").muli(0).addi(root.create(new float[] {-1f, -0.5f, 0f, 0.5f}));
            float[] w = vae.params().get("decoder.0.w").toFloatArray(); // (D, L) row-major
            float[] b = vae.params().get("decoder.0.b").toFloatArray();
            float[] lv = vae.params().get("decoder.logvar").toFloatArray();
            float[] x = {0.7f, -1.2f, 0.3f, 2.0f};
            double exact = logGaussian(x, b, covariance(w, lv));

            double[] means = new double[4];
            int[] ks = {1, 4, 16, 64};
            double[] se = new double[4];
            for (int i = 0; i < ks.length; i++) {
                try (NDManager sm = root.newSubManager()) {
                    NDArray xs = sm.create(x).reshape(1, D).repeat(0, REPS);
                    float[] v = vae.lowerBound(xs, ks[i]).toFloatArray();
                    double m = 0;
                    for (float f : v) {
                        m += f;
                    }
                    m /= v.length;
                    double var = 0;
                    for (float f : v) {
                        var += (f - m) * (f - m);
                    }
                    means[i] = m;
                    se[i] = Math.sqrt(var / (v.length - 1) / v.length);
                }
            }
            // Each step up in k must rise by more than 4 standard errors of the difference.
            for (int i = 0; i + 1 < ks.length; i++) {
                double tol = 4 * Math.hypot(se[i], se[i + 1]);
                assertThat(means[i + 1]).as("L_%d > L_%d", ks[i + 1], ks[i]).isGreaterThan(means[i] + tol);
            }
            // No bound may exceed log p beyond its sampling error...
            for (int i = 0; i < ks.length; i++) {
                assertThat(means[i]).as("L_%d <= log p", ks[i]).isLessThan(exact + 4 * se[i] + 1e-3);
            }
            // ...the ELBO's gap is wide with a random encoder, and L_64 closes most of it. (Measured
            // once: log p = -6.095, L_1 = -10.41, L_5 = -6.51, L_50 = -6.114, L_500 = -6.099.)
            assertThat(exact - means[0]).isGreaterThan(0.3);
            assertThat(exact - means[3]).isLessThan(0.25 * (exact - means[0])).isLessThan(0.1);
            vae.close();
        }
    }

    /** W Wᵀ + diag(exp(logvar)). */
    private static double[][] covariance(float[] w, float[] lv) {
        double[][] c = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int k = 0; k < L; k++) {
                    s += (double) w[i * L + k] * w[j * L + k];
                }
                c[i][j] = s + (i == j ? Math.exp(lv[i]) : 0);
            }
        }
        return c;
    }

    /** log N(x; mu, C) by Cholesky: -½ (D log 2π + 2 Σ log L_ii + |L⁻¹(x-mu)|²). */
    static double logGaussian(float[] x, float[] mu, double[][] c) {
        int n = x.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] y = new double[n];
        double quad = 0;
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            double s = x[i] - mu[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(l[i][i]);
        }
        return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
    }
}
