package org.genzoo.implicit.markov;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.core.Progress;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GSN's chain is the one its equations define, and a trained chain on ring8 gets around.
 *
 * <p>The first test tabulates the chain of a tiny binary GSN: with 3 bits, the corruption
 * C(x̃ | x) of salt-and-pepper noise p (each bit flipped with probability p/2, independently) and
 * the network's factorised Bernoulli P(x | x̃) are 8×8 tables, so the transition matrix
 * T(x' | x) = Σ_x̃ P(x' | x̃) C(x̃ | x) and its stationary distribution π (by power iteration, in
 * double) are known. The production sampling code ({@code sample}, hence {@code initialState}
 * and {@code step}) must then visit the 8 states with frequencies π.
 */
class GsnTest {
    /** The 3-bit vectors in the order of their index: bit i of s is x_i. */
    private static float[] bits(int s) {
        return new float[] {s & 1, (s >> 1) & 1, (s >> 2) & 1};
    }

    @TempDir
    Path tmp;

    /** π T = π by power iteration from uniform, in double; also checks convergence. */
    private static double[] stationary(double[][] t) {
        int n = t.length;
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 100_000; it++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    next[j] += pi[i] * t[i][j];
                }
            }
            double diff = 0;
            for (int j = 0; j < n; j++) {
                diff += Math.abs(next[j] - pi[j]);
            }
            pi = next;
            if (diff < 1e-15) {
                return pi;
            }
        }
        throw new AssertionError("power iteration did not converge");
    }

    /** T(x' | x) = Σ_x̃ P(x' | x̃) C(x̃ | x) for a flip probability {@code flip} and P given as the means m[x̃][i]. */
    private static double[][] transition(double[][] means, double flip) {
        double[][] t = new double[8][8];
        for (int x = 0; x < 8; x++) {
            for (int xt = 0; xt < 8; xt++) {
                int differ = Integer.bitCount(x ^ xt);
                double c = Math.pow(flip, differ) * Math.pow(1 - flip, 3 - differ);
                for (int y = 0; y < 8; y++) {
                    double p = 1;
                    for (int i = 0; i < 3; i++) {
                        p *= ((y >> i) & 1) == 1 ? means[xt][i] : 1 - means[xt][i];
                    }
                    t[x][y] += c * p;
                }
            }
        }
        return t;
    }

    private static double chiSquare(int[] counts, double[] p, int n) {
        double chi = 0;
        for (int s = 0; s < p.length; s++) {
            double e = n * p[s];
            chi += (counts[s] - e) * (counts[s] - e) / e;
        }
        return chi;
    }

    @Test
    void theChainsVisitFrequenciesMatchTheStationaryDistributionOfItsTabulatedTransitionMatrix() {
        double noise = 0.3; // salt-and-pepper: a bit is replaced by a fair bit with probability 0.3, flipped with 0.15
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            Gsn g = new Gsn(new GsnConfig(new int[] {4}, "tanh", "bernoulli", "salt_and_pepper", noise, 1, 30),
                    DataSpec.vector(3, DataKind.BINARY), root);
            // large random weights, so that P(x | x̃) is far from uniform and differs between x̃
            for (NDArray p : g.params().asMap().values()) {
                p.muli(0f).addi(root.randomNormal(0f, 2f, p.getShape(), DataType.FLOAT32));
            }
            double[][] means = new double[8][];
            try (NDManager m = root.newSubManager()) {
                float[] all = new float[24];
                for (int s = 0; s < 8; s++) {
                    System.arraycopy(bits(s), 0, all, 3 * s, 3);
                }
                float[] mu = g.reconstructionMean(g.reconstruction(m.create(all, new ai.djl.ndarray.types.Shape(8, 3))))
                        .toFloatArray();
                for (int s = 0; s < 8; s++) {
                    means[s] = new double[] {mu[3 * s], mu[3 * s + 1], mu[3 * s + 2]};
                }
            }
            double[][] t = transition(means, noise / 2);
            double[] pi = stationary(t);
            // the chains start from fair bits (uniform); after 30 transitions u T^30 is π to 1e-9, so each
            // chain's state is a draw from π
            double[] u = new double[8];
            java.util.Arrays.fill(u, 1.0 / 8);
            for (int k = 0; k < 30; k++) {
                double[] next = new double[8];
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        next[j] += u[i] * t[i][j];
                    }
                }
                u = next;
            }
            for (int s = 0; s < 8; s++) {
                assertThat(Math.abs(u[s] - pi[s])).isLessThan(1e-9);
            }
            double min = java.util.Arrays.stream(pi).min().getAsDouble();
            double max = java.util.Arrays.stream(pi).max().getAsDouble();
            assertThat(max / min).as("a stationary distribution far from uniform").isGreaterThan(3);

            int n = 40_000;
            int[] counts = new int[8];
            Engine.getInstance().setRandomSeed(12);
            try (NDManager m = root.newSubManager()) {
                float[] v = g.sample(m, n, 30).toFloatArray();
                for (int r = 0; r < n; r++) {
                    counts[(int) v[3 * r] + 2 * (int) v[3 * r + 1] + 4 * (int) v[3 * r + 2]]++;
                }
            }
            // 7 degrees of freedom: P(chi² > 24.32) = 0.001
            assertThat(chiSquare(counts, pi, n)).as("counts %s against π %s", java.util.Arrays.toString(counts),
                    java.util.Arrays.toString(pi)).isLessThan(24.32);
            // power: the same counts reject the chain with each bit flipped with probability p instead of
            // p/2, and the chain with no corruption at all
            assertThat(chiSquare(counts, stationary(transition(means, noise)), n)).isGreaterThan(24.32);
            assertThat(chiSquare(counts, stationary(transition(means, 0)), n)).isGreaterThan(24.32);
        }
    }

    @Test
    void aGsnTrainedOnRing8VisitsEveryModeFromOneStart() {
        Dataset ring8 = Datasets.load("ring8", LoadOptions.defaults().withToySizes(4000, 500, 500));
        Path dir = tmp.resolve("gsn");
        Runs.train(Runs.spec(new Runs.Request("gsn", Map.of("batch", "128", "sampleSteps", "100"), 30, 1L, 0), ring8), ring8, dir, false,
                List.of());
        try (Runs.Opened run = Runs.open(dir)) {
            EvalOptions o = EvalOptions.defaults().with("test", List.of("visits"), 1, 0).withMixing(8, 0, 4000);
            List<Metric> ms = Evaluator.evaluate(run.model(), ring8, o, Progress.NONE).metrics();
            Metric chains = ms.stream().filter(m -> m.name().equals("chains_all_modes")).findFirst().orElseThrow();
            Metric steps = ms.stream().filter(m -> m.name().equals("steps_all_modes")).findFirst().orElseThrow();
            assertThat(chains.value()).as(chains.note()).isEqualTo(8);
            assertThat(steps.value()).isBetween(7.0, 4000.0); // 8 modes need at least 7 transitions
            assertThat(steps.note()).doesNotContain("more than this");
        }
    }
}
