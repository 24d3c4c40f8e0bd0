package org.genzoo.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.genzoo.core.Progress;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;
import org.genzoo.data.MixtureSpec;
import org.genzoo.data.Split;
import org.junit.jupiter.api.Test;

/** Mode counting and the Parzen-window estimate on samples whose answer is known. */
class EstimatorsTest {
    private static final MixtureSpec SQUARE = new MixtureSpec(
            new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, 0.01f);

    @Test
    void modesCountsOnlyModesWithEnoughHighQualitySamples() {
        // 30 samples on mode 0, 25 near mode 1 (within 3 std), 5 on mode 2, 40 far from all
        float[] flat = new float[100 * 2];
        int i = 0;
        for (int k = 0; k < 30; k++, i++) {
            flat[2 * i] = 0.005f;
            flat[2 * i + 1] = 0f;
        }
        for (int k = 0; k < 25; k++, i++) {
            flat[2 * i] = 1.025f;
            flat[2 * i + 1] = 0.01f;
        }
        for (int k = 0; k < 5; k++, i++) {
            flat[2 * i] = 0f;
            flat[2 * i + 1] = 1f;
        }
        for (; i < 100; i++) {
            flat[2 * i] = 0.5f;
            flat[2 * i + 1] = 0.5f;
        }
        ModeCoverage.Counts c = ModeCoverage.count(flat, SQUARE, 20);
        assertThat(c.covered()).isEqualTo(2);
        assertThat(c.perMode()).containsExactly(30, 25, 5, 0);
        assertThat(c.highQuality()).isCloseTo(0.60, within(1e-9));
        // a sample just outside 3 std is of low quality
        assertThat(ModeCoverage.count(new float[] {0.031f, 0f}, SQUARE, 1).highQuality()).isZero();
    }

    @Test
    void parzenEstimateOfAStandardNormalIsNearItsTrueLogDensity() {
        Seeds.seedEngine(11, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            Sampler normal = (m, n) -> m.randomNormal(new ai.djl.ndarray.types.Shape(n, 2));
            float[] test;
            float[] valid;
            try (NDManager sm = root.newSubManager()) {
                test = sm.randomNormal(new ai.djl.ndarray.types.Shape(2000, 2)).toFloatArray();
                valid = sm.randomNormal(new ai.djl.ndarray.types.Shape(1000, 2)).toFloatArray();
            }
            EvalOptions o = new EvalOptions("test", List.of("nll"), 1, 0, 2500, 20, 10_000, 3);
            Parzen.Fit fit = Parzen.fit(normal, new Split(valid, 1000, 2, null), o, root, Progress.NONE);
            float[] ll = Parzen.score(fit, new Split(test, 2000, 2, null), root, Progress.NONE);
            double mean = 0;
            double exact = 0;
            for (int i = 0; i < 2000; i++) {
                mean += ll[i];
                double x = test[2 * i];
                double y = test[2 * i + 1];
                exact += -0.5 * (x * x + y * y) - Math.log(2 * Math.PI);
            }
            mean /= 2000;
            exact /= 2000;
            // A kernel estimate from 10,000 samples in 2-D is a little below the truth (smoothing).
            assertThat(mean).isCloseTo(exact, within(0.08));
            assertThat(fit.sigma()).isBetween(0.05, 0.6);
        }
    }

    @Test
    void trueNllOfAOneComponentMixtureIsTheGaussianLogDensity() {
        // one component at (1, 2) with std 0.5: -log N(x) = log(2π·0.25) + |x - c|² / (2·0.25)
        MixtureSpec one = new MixtureSpec(new float[][] {{1, 2}}, 0.5f);
        float[] x = {1, 2, 2, 2};
        double expected = (Math.log(2 * Math.PI * 0.25) + 0) / 2 + (Math.log(2 * Math.PI * 0.25) + 1 / 0.5) / 2;
        assertThat(ModeCoverage.trueNll(one, new Split(x, 2, 2, null))).isCloseTo(expected, within(1e-9));
        // two far-apart equal components add log 2 at a centre
        MixtureSpec two = new MixtureSpec(new float[][] {{1, 2}, {100, 100}}, 0.5f);
        assertThat(ModeCoverage.trueNll(two, new Split(new float[] {1, 2}, 1, 2, null)))
                .isCloseTo(Math.log(2 * Math.PI * 0.25) + Math.log(2), within(1e-9));
    }
}
