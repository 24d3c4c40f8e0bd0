package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewTest {
    private static NDManager root;

    @BeforeAll
    static void engine() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    /** 64 examples of 256 grey levels, every level once per 4 rows. */
    private static Split grey() {
        float[] v = new float[64 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7 % 256) / 255f;
        }
        return new Split(v, 64, 16, null);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void dynamicBinaryIsZeroOneWithTheGreyMeanAndChangesEveryCall() {
        Split s = grey();
        try (NDManager m = root.newSubManager()) {
            NDArray x = s.toNDArray(m);
            double[] perPixel = new double[s.values().length];
            int draws = 200;
            float[] first = null;
            for (int r = 0; r < draws; r++) {
                float[] b = View.DYNAMIC_BINARY.apply(x).toFloatArray();
                if (first == null) {
                    first = b;
                } else if (r == 1) {
                    assertThat(b).isNotEqualTo(first);
                }
                for (int i = 0; i < b.length; i++) {
                    assertThat(b[i]).isIn(0f, 1f);
                    perPixel[i] += b[i];
                }
            }
            // overall mean over 200 × 1024 Bernoulli draws: standard error < 0.5/sqrt(204800) ≈ 0.0011
            double total = 0;
            for (double p : perPixel) {
                total += p / draws;
            }
            assertThat(total / perPixel.length).isCloseTo(mean(s.values()), within(0.006));
            // a pixel of value 0 is never on, one of value 1 always
            assertThat(perPixel[0]).isZero();
        }
    }

    @Test
    void fixedBinaryIsReproducibleForASeedAndDiffersForAnother() {
        Split s = grey();
        Split a = View.FIXED_BINARY.prepare(s, 7);
        Split b = View.FIXED_BINARY.prepare(s, 7);
        Split c = View.FIXED_BINARY.prepare(s, 8);
        assertThat(a.values()).containsExactly(b.values());
        assertThat(c.values()).isNotEqualTo(a.values());
        for (float v : a.values()) {
            assertThat(v).isIn(0f, 1f);
        }
        // 1024 draws: standard error of the mean < 0.016
        assertThat(mean(a.values())).isCloseTo(mean(s.values()), within(0.06));
        assertThat(View.splitSeed(7, "valid")).isNotEqualTo(View.splitSeed(7, "test"));
        try (NDManager m = root.newSubManager()) {
            NDArray x = a.toNDArray(m);
            assertThat(View.FIXED_BINARY.apply(x)).isSameAs(x);
        }
    }

    @Test
    void dequantisedIsInUnitIntervalAndFloorsBackToTheGreyLevel() {
        Split s = grey();
        try (NDManager m = root.newSubManager()) {
            NDArray x = s.toNDArray(m);
            for (int r = 0; r < 20; r++) {
                float[] y = View.DEQUANTISED.apply(x).toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    assertThat(y[i]).isGreaterThanOrEqualTo(0f).isLessThan(1f);
                    assertThat((int) Math.floor(y[i] * 256)).isEqualTo(Math.round(s.values()[i] * 255));
                }
            }
        }
    }

    @Test
    void dequantisedTopLevelStaysBelowOneEvenAtTheLargestNoise() {
        // 255 + u in float32 rounds to 256 when u is within 2^-17 of 1; DEQUANT_HIGH avoids that
        float y = (255f + View.DEQUANT_HIGH) / 256f;
        assertThat(y).isLessThan(1f);
        assertThat((int) Math.floor(y * 256)).isEqualTo(255);
    }

    @Test
    void defaultsPickTheUsualView() {
        assertThat(View.defaultFor(DataKind.GREY, true)).isEqualTo(View.DYNAMIC_BINARY);
        assertThat(View.evaluationFor(DataKind.GREY, true)).isEqualTo(View.FIXED_BINARY);
        assertThat(View.defaultFor(DataKind.GREY, false)).isEqualTo(View.DEQUANTISED);
        assertThat(View.defaultFor(DataKind.BINARY, true)).isEqualTo(View.IDENTITY);
        assertThat(View.defaultFor(DataKind.CONTINUOUS, false)).isEqualTo(View.IDENTITY);
        assertThat(View.DYNAMIC_BINARY.kindSeen(DataKind.GREY)).isEqualTo(DataKind.BINARY);
        assertThatThrownBy(() -> View.defaultFor(DataKind.CONTINUOUS, true)).isInstanceOf(UserError.class);
    }
}
