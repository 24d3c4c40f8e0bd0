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

class MadeTest {
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static Made made(int n, int[] hidden, int masks, boolean orderAgnostic, NDManager m) {
        return new Made(new MadeConfig(hidden, masks, orderAgnostic, "relu", 7L), DataSpec.vector(n, DataKind.BINARY), m);
    }

    private static int[] positions(int[] order) {
        int[] pos = new int[order.length];
        for (int t = 0; t < order.length; t++) {
            pos[order[t]] = t;
        }
        return pos;
    }

    @Test
    void probabilitiesSumToOneForOneMaskAndForTheEnsemble() {
        Engine.getInstance().setRandomSeed(1);
        int n = 10;
        try (NDManager m = root.newSubManager(); Made model = made(n, new int[] {32, 32}, 4, true, m)) {
            ArTesting.scaleParameters(model, 2f);
            for (int k = 0; k < 4; k++) {
                int kk = k;
                assertThat(ArTesting.totalProbability(m, n, x -> model.logProb(x, kk))).as("mask %d", k)
                        .isCloseTo(1.0, within(1e-5));
            }
            assertThat(ArTesting.totalProbability(m, n, model::logProb)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void everyMaskIsAutoregressiveInItsOrderAndABrokenMaskIsCaught() {
        Engine.getInstance().setRandomSeed(2);
        int n = 8;
        try (NDManager m = root.newSubManager(); Made model = made(n, new int[] {64, 64}, 3, true, m)) {
            int[] allowed = new int[1];
            for (int k = 0; k < 3; k++) {
                int kk = k;
                int bad = ArTesting.violations(m, n, x -> model.logits(x, kk), positions(model.order(k)), allowed);
                assertThat(bad).as("mask %d", k).isZero();
                assertThat(allowed[0]).as("mask %d reaches earlier inputs", k).isPositive();
            }
            // Negative control: a first-layer mask of all ones lets every input reach every output.
            NDArray[] broken = model.masks(0).clone();
            NDArray[] good = model.masks(0);
            broken[0] = good[0].onesLike();
            int bad = ArTesting.violations(m, n, x -> model.logits(x, broken), positions(model.order(0)), allowed);
            assertThat(bad).isPositive();
        }
    }

    @Test
    void ensembleSamplesFollowTheEnsembleDensity() {
        Engine.getInstance().setRandomSeed(3);
        int n = 5;
        try (NDManager m = root.newSubManager(); Made model = made(n, new int[] {16}, 2, true, m)) {
            ArTesting.scaleParameters(model, 3f);
            double chi = ArTesting.chiSquare(m, n, 20_000, model, model::logProb);
            // chi-square with 2^5 - 1 = 31 degrees of freedom: P(chi > 61.10) = 0.001
            assertThat(chi).isLessThan(61.10);
        }
    }

    @Test
    void completionKeepsObservedEntries() {
        Engine.getInstance().setRandomSeed(4);
        int n = 6;
        try (NDManager m = root.newSubManager(); Made model = made(n, new int[] {16}, 1, false, m)) {
            NDArray x = m.ones(new Shape(100, n));
            NDArray obs = m.create(new float[] {1, 1, 0, 0, 1, 0});
            float[] out = model.complete(x, obs, m).toFloatArray();
            for (int r = 0; r < 100; r++) {
                assertThat(out[r * n]).isEqualTo(1f);
                assertThat(out[r * n + 1]).isEqualTo(1f);
                assertThat(out[r * n + 4]).isEqualTo(1f);
            }
        }
    }

    @Test
    void trainingLowersValidationNllTowardsTheEntropy() {
        Engine.getInstance().setRandomSeed(5);
        Dataset data = ArTesting.binarySynthetic();
        try (NDManager m = root.newSubManager();
                Made model = new Made(new MadeConfig(new int[] {64}, 2, true, "relu", 0L), data.spec(), m)) {
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
