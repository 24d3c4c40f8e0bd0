package org.genzoo.implicit.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.genzoo.core.Params;
import org.genzoo.core.Seeds;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.optim.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * The MMD² estimators against an independent closed form, and the gradient they send through a
 * generator against finite differences.
 *
 * <p>Closed form, per dimension, for x ~ N(μ1, s1²), y ~ N(μ2, s2²) independent and the kernel
 * exp(-(x-y)²/(2σ²)): x - y ~ N(μ1 - μ2, s1² + s2²), and E exp(-u²/(2σ²)) for u ~ N(μ, v) is
 * σ/√(σ² + v) · exp(-μ²/(2(σ² + v))) (a Gaussian integral). With diagonal covariances the kernel
 * factorises over dimensions, so the expectation is the product of the per-dimension factors;
 * the mixture kernel sums over bandwidths. Then MMD² = E k(x,x') + E k(y,y') - 2 E k(x,y).
 */
class MmdTest {
    private static final double[] BANDWIDTHS = {0.5, 1.5};
    private static final double[] MU1 = {0.0, 0.5};
    private static final double[] S1 = {1.0, 0.7};
    private static final double[] MU2 = {0.8, -0.3};
    private static final double[] S2 = {0.6, 1.2};
    private static final int REPS = 400;
    private static final int M = 40;

    /** E k(a, b) for independent a ~ N(ma, sa²), b ~ N(mb, sb²) per dimension, summed over bandwidths. */
    static double expectedKernel(double[] ma, double[] sa, double[] mb, double[] sb) {
        double total = 0;
        for (double sigma : BANDWIDTHS) {
            double p = 1;
            for (int d = 0; d < ma.length; d++) {
                double v = sigma * sigma + sa[d] * sa[d] + sb[d] * sb[d];
                double mu = ma[d] - mb[d];
                p *= sigma / Math.sqrt(v) * Math.exp(-mu * mu / (2 * v));
            }
            total += p;
        }
        return total;
    }

    /** Rows drawn from N(mu, diag(s²)) in float64. */
    private static NDArray gaussian(NDManager m, int n, double[] mu, double[] s) {
        NDArray z = m.randomNormal(0f, 1f, new Shape(n, mu.length), DataType.FLOAT64);
        return z.mul(m.create(s)).add(m.create(mu));
    }

    /** Mean and standard error of an estimator over REPS independent pairs of samples. */
    private static double[] meanAndSe(boolean unbiased, double[] mu2, double[] s2) {
        double sum = 0;
        double sq = 0;
        try (NDManager root = NDManager.newBaseManager()) {
            for (int r = 0; r < REPS; r++) {
                try (NDManager m = root.newSubManager()) {
                    NDArray x = gaussian(m, M, MU1, S1);
                    NDArray y = gaussian(m, M, mu2, s2);
                    double v = (unbiased ? Mmd.unbiased(x, y, BANDWIDTHS) : Mmd.biased(x, y, BANDWIDTHS)).getDouble();
                    sum += v;
                    sq += v * v;
                }
            }
        }
        double mean = sum / REPS;
        double var = (sq - REPS * mean * mean) / (REPS - 1);
        return new double[] {mean, Math.sqrt(var / REPS)};
    }

    @Test
    void theUnbiasedEstimatesMeanIsTheClosedFormForTwoGaussians() {
        Seeds.seedEngine(1, "test", 0);
        double truth = expectedKernel(MU1, S1, MU1, S1) + expectedKernel(MU2, S2, MU2, S2)
                - 2 * expectedKernel(MU1, S1, MU2, S2);
        double[] u = meanAndSe(true, MU2, S2);
        assertThat(truth).as("the check is meaningful: MMD² well above the noise").isGreaterThan(20 * u[1]);
        assertThat(u[0]).as("mean of %d estimates, s.e. %.2g", REPS, u[1]).isCloseTo(truth, within(4 * u[1]));
    }

    @Test
    void forEqualDistributionsTheUnbiasedEstimateIsZeroInExpectationAndTheBiasedOneIsNot() {
        Seeds.seedEngine(2, "test", 0);
        double[] u = meanAndSe(true, MU1, S1);
        double[] b = meanAndSe(false, MU1, S1);
        assertThat(u[0]).as("unbiased, s.e. %.2g", u[1]).isCloseTo(0, within(4 * u[1]));
        // E MMD²_b = MMD² + (k(0) - E k(x,x'))/m + (k(0) - E k(y,y'))/n, with k(0) = number of bandwidths
        double k0 = BANDWIDTHS.length;
        double bias = 2 * (k0 - expectedKernel(MU1, S1, MU1, S1)) / M;
        assertThat(b[0]).as("biased, s.e. %.2g", b[1]).isCloseTo(bias, within(4 * b[1]));
        assertThat(bias).as("the biased estimator's offset is far outside its noise").isGreaterThan(20 * b[1]);
    }

    @Test
    void theGradientThroughAGeneratorMatchesCentralFiniteDifferences() {
        Seeds.seedEngine(3, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            Params params = new Params(root.newSubManager(), DataType.FLOAT64);
            Mlp g = new Mlp(params, "g", new int[] {3, 4, 2}, Activation.TANH);
            NDArray z = root.randomUniform(-1f, 1f, new Shape(12, 3), DataType.FLOAT64);
            NDArray x = gaussian(root, 10, MU1, S1);
            for (boolean li : new boolean[] {false, true}) { // Dziugaite et al.'s objective, then Li et al.'s
                double largest = 0;
                Supplier<NDArray> loss = () -> li
                        ? Gmmn.objective(Mmd.biased(g.forward(z), x, BANDWIDTHS), true)
                        : Mmd.unbiased(g.forward(z), x, BANDWIDTHS);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(loss.get());
                }
                for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                    NDArray w = e.getValue();
                    double[] grad;
                    try (NDArray gr = w.getGradient()) {
                        grad = gr.toDoubleArray();
                    }
                    Optimizer.zeroGradient(w);
                    largest = Math.max(largest, Arrays.stream(grad).map(Math::abs).max().orElse(0));
                    double h = 1e-6;
                    for (int i = 0; i < grad.length; i++) {
                        double[] bump = new double[grad.length];
                        bump[i] = h;
                        NDArray d = root.create(bump).reshape(w.getShape());
                        w.addi(d);
                        double up = loss.get().getDouble();
                        w.subi(d).subi(d);
                        double down = loss.get().getDouble();
                        w.addi(d);
                        double fd = (up - down) / (2 * h);
                        assertThat(grad[i]).as("%s[%d], %s", e.getKey(), i, li ? "sqrt biased" : "unbiased")
                                .isCloseTo(fd, within(1e-7 + 1e-5 * Math.abs(fd)));
                    }
                }
                assertThat(largest).as("some gradient is far from 0, so the comparison means something").isGreaterThan(1e-3);
            }
        }
    }
}
