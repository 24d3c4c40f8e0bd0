package org.genzoo.explicit.tractable.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.TrainResult;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NadeTest {
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static Nade nade(int n, int hidden, NDManager m) {
        return new Nade(new NadeConfig(hidden, "sigmoid"), DataSpec.vector(n, DataKind.BINARY), m);
    }

    @Test
    void probabilitiesOfAllVectorsSumToOne() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = root.newSubManager(); Nade model = nade(12, 16, m)) {
            ArTesting.scaleParameters(model, 3f);
            // 4096 vectors, float32 log-probabilities: the sum is 1 up to rounding, well inside 1e-5
            assertThat(ArTesting.totalProbability(m, 12, model::logProb)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void eachConditionalSeesOnlyEarlierDimensions() {
        Engine.getInstance().setRandomSeed(2);
        int n = 8;
        try (NDManager m = root.newSubManager(); Nade model = nade(n, 16, m)) {
            int[] allowed = new int[1];
            int bad = ArTesting.violations(m, n, model::logits, ArTesting.natural(n), allowed);
            assertThat(bad).isZero();
            assertThat(allowed[0]).isEqualTo(n * (n - 1) / 2); // every earlier dimension matters
            // Negative control: an inclusive cumulative sum lets x_i into its own conditional.
            int badInclusive = ArTesting.violations(m, n, x -> inclusive(model, x), ArTesting.natural(n), allowed);
            assertThat(badInclusive).isEqualTo(n);
        }
    }

    /** The wrong recurrence a_i = c + Σ_{j≤i} W x_j, built from the model's own parameters. */
    private static NDArray inclusive(Nade model, NDArray x) {
        NDArray w = model.params().get("W");
        NDArray a = x.expandDims(1).mul(w).cumSum(2).add(model.params().get("c"));
        return a.getNDArrayInternal().sigmoid().mul(model.params().get("V")).sum(new int[] {1})
                .add(model.params().get("b"));
    }

    @Test
    void samplesFollowTheModel() {
        Engine.getInstance().setRandomSeed(3);
        int n = 5;
        try (NDManager m = root.newSubManager(); Nade model = nade(n, 8, m)) {
            ArTesting.scaleParameters(model, 4f);
            double chi = ArTesting.chiSquare(m, n, 20_000, model, model::logProb);
            // chi-square with 2^5 - 1 = 31 degrees of freedom: P(chi > 61.10) = 0.001
            assertThat(chi).isLessThan(61.10);
        }
    }

    @Test
    void completionKeepsObservedEntries() {
        Engine.getInstance().setRandomSeed(4);
        int n = 6;
        try (NDManager m = root.newSubManager(); Nade model = nade(n, 8, m)) {
            NDArray x = m.ones(new Shape(200, n));
            NDArray obs = m.create(new float[] {1, 1, 1, 0, 0, 0});
            float[] out = model.complete(x, obs, m).toFloatArray();
            float mean = 0;
            for (int r = 0; r < 200; r++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(out[r * n + d]).isEqualTo(1f);
                }
                mean += out[r * n + 5];
            }
            assertThat(mean / 200).isBetween(0.02f, 0.98f); // the rest is drawn, not copied
            assertThat(model.oneShotSampling()).isFalse();
        }
    }

    @Test
    void trainingLowersValidationNllTowardsTheEntropy() {
        Engine.getInstance().setRandomSeed(5);
        Dataset data = ArTesting.binarySynthetic();
        try (NDManager m = root.newSubManager(); Nade model = new Nade(NadeConfig.toy(), data.spec(), m)) {
            double before = ArTesting.validNll(model, data, m);
            TrainResult r = ArTesting.train(model, data, 3, 1e-2);
            double after = ArTesting.validNll(model, data, m);
            double entropy = data.entropyNats().getAsDouble();
            assertThat(after).isLessThan(before - 0.5);
            assertThat(r.bestValid()).isLessThanOrEqualTo(after + 1e-4); // the best epoch is at most the last
            // 500 validation examples: the mean of -log p_true has a standard error of ~0.1 nats
            assertThat(after).isGreaterThan(entropy - 0.4);
        }
    }
}
