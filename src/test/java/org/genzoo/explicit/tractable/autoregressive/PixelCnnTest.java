package org.genzoo.explicit.tractable.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.Zoo;
import org.genzoo.core.TrainResult;
import org.genzoo.core.UserError;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PixelCnnTest {
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static PixelCnn binary(int h, int w, boolean gated, NDManager m) {
        return new PixelCnn(new PixelCnnConfig(8, 2, 3, 3, gated, "bernoulli"),
                new DataSpec(h * w, new int[] {h, w}, DataKind.BINARY), m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void binaryImageProbabilitiesSumToOne(boolean gated) {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = root.newSubManager(); PixelCnn model = binary(3, 3, gated, m)) {
            ArTesting.scaleParameters(model, 2f);
            assertThat(ArTesting.totalProbability(m, 9, model::logProb)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void greyLevelProbabilitiesSumToOne() {
        Engine.getInstance().setRandomSeed(2);
        DataSpec spec = new DataSpec(2, new int[] {1, 2}, DataKind.GREY);
        try (NDManager m = root.newSubManager();
                PixelCnn model = new PixelCnn(new PixelCnnConfig(8, 1, 3, 3, true, "categorical"), spec, m)) {
            ArTesting.scaleParameters(model, 2f);
            float[] v = new float[256 * 256 * 2];
            for (int a = 0; a < 256; a++) {
                for (int b = 0; b < 256; b++) {
                    v[2 * (a * 256 + b)] = a / 255f;
                    v[2 * (a * 256 + b) + 1] = b / 255f;
                }
            }
            float[] lp = model.logProb(m.create(v, new Shape(256 * 256, 2))).toFloatArray();
            double s = 0;
            for (float x : lp) {
                s += Math.exp(x);
            }
            assertThat(s).isCloseTo(1.0, within(1e-5)); // all 65,536 images of two 256-level pixels
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachPixelSeesOnlyEarlierPixelsAndATypeBFirstLayerIsCaught(boolean gated) {
        Engine.getInstance().setRandomSeed(3);
        int side = 5;
        int n = side * side;
        try (NDManager m = root.newSubManager(); PixelCnn model = binary(side, side, gated, m)) {
            int[] allowed = new int[1];
            int bad = ArTesting.violations(m, n, model::pixelOutputs, ArTesting.natural(n), allowed);
            assertThat(bad).isZero();
            assertThat(allowed[0]).isGreaterThan(n); // the receptive field does reach earlier pixels
            model.useTypeBFirstLayer();
            int badB = ArTesting.violations(m, n, model::pixelOutputs, ArTesting.natural(n), allowed);
            assertThat(badB).isPositive();
        }
    }

    @Test
    void samplesFollowTheModel() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = root.newSubManager(); PixelCnn model = binary(2, 2, false, m)) {
            ArTesting.scaleParameters(model, 3f);
            double chi = ArTesting.chiSquare(m, 4, 20_000, model, model::logProb);
            // chi-square with 2^4 - 1 = 15 degrees of freedom: P(chi > 37.70) = 0.001
            assertThat(chi).isLessThan(37.70);
        }
    }

    @Test
    void greyLevelSamplesFollowTheSoftmax() {
        Engine.getInstance().setRandomSeed(7);
        DataSpec spec = new DataSpec(1, new int[] {1, 1}, DataKind.GREY);
        try (NDManager m = root.newSubManager();
                PixelCnn model = new PixelCnn(new PixelCnnConfig(8, 1, 3, 3, false, "categorical"), spec, m)) {
            ArTesting.randomiseParameters(model, 0.5f); // biases too: pixel 0 depends on nothing else
            int count = 20_000;
            float[] x = model.sample(m, count).toFloatArray();
            long[] obs = new long[256];
            for (float v : x) {
                int level = Math.round(v * 255f);
                assertThat(level / 255f).isEqualTo(v); // on the grid of 256 levels
                obs[level]++;
            }
            float[] levels = new float[256];
            for (int i = 0; i < 256; i++) {
                levels[i] = i / 255f;
            }
            float[] lp = model.logProb(m.create(levels, new Shape(256, 1))).toFloatArray();
            // Pearson's statistic over the levels, pooling those expected fewer than 5 times into one cell
            double chi = 0;
            double poolE = 0;
            long poolO = 0;
            int cells = 0;
            for (int i = 0; i < 256; i++) {
                double e = count * Math.exp(lp[i]);
                if (e < 5) {
                    poolE += e;
                    poolO += obs[i];
                } else {
                    chi += (obs[i] - e) * (obs[i] - e) / e;
                    cells++;
                }
            }
            if (poolE > 0) {
                chi += (poolO - poolE) * (poolO - poolE) / poolE;
                cells++;
            }
            int df = cells - 1;
            // the 0.999 quantile of chi-square(df) by Wilson and Hilferty (1931), z_0.999 = 3.0902; for the
            // df = 232 this seed gives: 304.33 (scipy.stats.chi2.ppf(0.999, 232) = 304.30)
            double a = 2.0 / (9 * df);
            double critical = df * Math.pow(1 - a + 3.0902 * Math.sqrt(a), 3);
            assertThat(df).isGreaterThan(10);
            assertThat(chi).isLessThan(critical);
        }
    }

    @Test
    void completionKeepsTheObservedTopRow() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = root.newSubManager(); PixelCnn model = binary(3, 3, true, m)) {
            NDArray x = m.ones(new Shape(50, 9));
            NDArray obs = m.create(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0});
            float[] out = model.complete(x, obs, m).toFloatArray();
            float rest = 0;
            for (int r = 0; r < 50; r++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(out[r * 9 + d]).isEqualTo(1f);
                }
                for (int d = 3; d < 9; d++) {
                    assertThat(out[r * 9 + d]).isIn(0f, 1f);
                    rest += out[r * 9 + d];
                }
            }
            assertThat(rest / (50 * 6)).isBetween(0.05f, 0.95f); // drawn, not copied
        }
    }

    @Test
    void vectorsAreRefusedWithAOneLineMessage() {
        DataSpec vec = DataSpec.vector(16, DataKind.BINARY);
        assertThatThrownBy(() -> Zoo.get("pixelcnn").create(Zoo.get("pixelcnn").defaults().apply(vec), vec, root))
                .isInstanceOf(UserError.class).hasMessageContaining("images").hasMessageNotContaining("\n");
    }

    @Test
    void trainingLowersValidationNll() {
        Engine.getInstance().setRandomSeed(6);
        Dataset flat = ArTesting.binarySynthetic();
        // binary-synthetic is 16-bit vectors; seen as 4x4 images, the exact entropy still bounds the NLL
        Dataset data = new Dataset(flat.name(), new DataSpec(16, new int[] {4, 4}, DataKind.BINARY), flat.train(),
                flat.valid(), flat.test(), flat.sha256(), flat.mixture(), flat.entropyNats());
        try (NDManager m = root.newSubManager();
                PixelCnn model = new PixelCnn(new PixelCnnConfig(16, 2, 7, 3, false, "bernoulli"), data.spec(), m)) {
            double before = ArTesting.validNll(model, data, m);
            TrainResult r = ArTesting.train(model, data, 6, 1e-2);
            double after = ArTesting.validNll(model, data, m);
            assertThat(after).isLessThan(before - 0.5);
            assertThat(r.bestValid()).isLessThanOrEqualTo(after + 1e-4); // the best epoch is at most the last
            // 500 validation examples: the mean of -log p_true has a standard error of ~0.1 nats
            assertThat(after).isGreaterThan(data.entropyNats().getAsDouble() - 0.4);
        }
    }
}
