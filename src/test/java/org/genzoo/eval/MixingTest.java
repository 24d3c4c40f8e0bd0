package org.genzoo.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.genzoo.core.Progress;
import org.junit.jupiter.api.Test;

/**
 * The integrated autocorrelation time on chains whose τ is known in closed form. An AR(1) chain
 * x' = ρx + sqrt(1 − ρ²) ε has ρ(t) = ρ^t, so τ = 1 + 2 Σ_t ρ^t = (1 + ρ) / (1 − ρ).
 *
 * <p>Tolerance: Sokal's variance (1997, eq. 3.19) gives a relative standard error of
 * sqrt(2(2W + 1) / N) for N values and window W ≈ 5τ; each check below states that error, and
 * allows about four of them. The window's truncation bias, 2ρ^(W+1) / (1 − ρ), is below 10^-3 τ
 * for these ρ, and the bias from centring each chain on its own mean is O(τ / T), under 0.2 %.
 */
class MixingTest {
    /** M AR(1) chains of T values, started in the stationary law, from java.util.Random. */
    private static double[][] ar1(double rho, int chains, int len, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[chains][len];
        double s = Math.sqrt(1 - rho * rho);
        for (double[] c : x) {
            c[0] = r.nextGaussian();
            for (int t = 1; t < len; t++) {
                c[t] = rho * c[t - 1] + s * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void sokalsEstimatorRecoversTheAr1AutocorrelationTime() {
        for (double rho : new double[] {0.0, 0.5, 0.9}) {
            double tau = (1 + rho) / (1 - rho);
            Autocorrelation.Time t = Autocorrelation.integratedTime(ar1(rho, 32, 20_000, 42));
            // relative s.e. sqrt(2(2W+1)/N), N = 640,000: 0.6 % (τ = 1), 1.1 % (τ = 3), 2.4 % (τ = 19)
            assertThat(t.relativeError()).isLessThan(0.025);
            assertThat(t.tau()).as("rho %s", rho).isCloseTo(tau, within(4 * t.relativeError() * tau));
            assertThat(t.window()).isGreaterThanOrEqualTo((int) Math.ceil(Autocorrelation.C * t.tau()));
            assertThat(t.trusted()).isTrue();
        }
        // a chain that is too short for its τ is flagged, not trusted
        assertThat(Autocorrelation.integratedTime(ar1(0.99, 4, 2000, 1)).trusted()).isFalse();
        assertThatThrownBy(() -> Autocorrelation.integratedTime(new double[][] {{1, 1, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("constant");
    }

    @Test
    void theMixingEstimatorMeasuresAnAr1ChainRunByTheEngine() {
        try (NDManager root = NDManager.newBaseManager(); ChainDoubles.Ar1 m = new ChainDoubles.Ar1(root, 0.8)) {
            EvalOptions o = EvalOptions.defaults().with("test", List.of("mixing"), 1, 0).withMixing(32, 100, 8000);
            Estimator.Estimate e = new Mixing().estimate(new EvalContext(m, ChainDoubles.data(), o, Progress.NONE));
            Metric tau = e.metrics().get(0);
            assertThat(tau.name()).isEqualTo("tau_visible_mean");
            // τ = 1.8 / 0.2 = 9; W ≈ 45, N = 256,000: relative s.e. 1.9 %, so ±8 % is about four
            assertThat(tau.value()).isCloseTo(9.0, within(0.08 * 9));
            assertThat(tau.kind()).isEqualTo(Metric.ESTIMATE);
            Metric ess = e.metrics().get(1);
            assertThat(ess.name()).isEqualTo("ess_per_transition_visible_mean");
            assertThat(ess.value()).isCloseTo(1 / tau.value(), within(1e-12));
            assertThat(e.metrics()).hasSize(2); // not an energy model: no energy statistic
        }
    }

    @Test
    void theEnergyAndTheVisibleMeanOfTheHalfRefreshedBernoulliChainBothHaveTauThree() {
        // each unit is redrawn with probability 1/2 per transition: ρ(t) = 2^-t, τ = 1 + 2·1 = 3
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Bernoullis m = new ChainDoubles.Bernoullis(root, true)) {
            EvalOptions o = EvalOptions.defaults().with("test", List.of("mixing"), 1, 0).withMixing(32, 50, 4000);
            Estimator.Estimate e = new Mixing().estimate(new EvalContext(m, ChainDoubles.data(), o, Progress.NONE));
            assertThat(e.metrics()).extracting(Metric::name).containsExactly("tau_visible_mean",
                    "ess_per_transition_visible_mean", "tau_energy", "ess_per_transition_energy");
            // W ≈ 15, N = 128,000: relative s.e. 2.2 %, so ±9 % is about four
            assertThat(e.metrics().get(0).value()).isCloseTo(3.0, within(0.27));
            assertThat(e.metrics().get(2).value()).isCloseTo(3.0, within(0.27));
        }
    }
}
