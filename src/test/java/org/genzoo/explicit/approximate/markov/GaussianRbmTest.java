package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.eval.Ais;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Gaussian–Bernoulli RBM's exact log Z (hidden units enumerated, visible ones integrated
 * analytically) against a numerical integral of exp(-F(v)) over a grid in one and two
 * dimensions, and AIS along its path against that exact value.
 */
class GaussianRbmTest {
    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(11);
    }

    @AfterEach
    void close() {
        root.close();
    }

    private GaussianRbm randomGrbm(int nv, int nh) {
        GaussianRbm g = new GaussianRbm(new GaussianRbmConfig(nh, 1, false, 10, 0, 0.1, true, 100),
                DataSpec.vector(nv, DataKind.CONTINUOUS), root);
        RbmTest.randomise(g, 1f);
        g.params().get("logSigma").muli(0.3f); // sigma between about 0.5 and 2
        return g;
    }

    /** log ∫ exp(-F(v)) dv by the midpoint rule on [-h, h]^nv with spacing d, in double. */
    private double logIntegral(GaussianRbm g, int nv, double half, double d) {
        int per = (int) Math.round(2 * half / d);
        long points = (long) Math.pow(per, nv);
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int chunk = 200_000;
        for (long start = 0; start < points; start += chunk) {
            int rows = (int) Math.min(chunk, points - start);
            float[] v = new float[rows * nv];
            for (int r = 0; r < rows; r++) {
                long idx = start + r;
                for (int i = 0; i < nv; i++) {
                    v[r * nv + i] = (float) (-half + d * (idx % per + 0.5));
                    idx /= per;
                }
            }
            try (NDManager m = root.newSubManager()) {
                float[] f = g.freeEnergy(m.create(v, new Shape(rows, nv))).toFloatArray();
                for (float e : f) {
                    double t = -e;
                    if (t > max) {
                        sum = sum * Math.exp(max - t) + 1;
                        max = t;
                    } else {
                        sum += Math.exp(t - max);
                    }
                }
            }
        }
        return max + Math.log(sum) + nv * Math.log(d);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void exactLogZMatchesNumericalIntegration(int nv) {
        GaussianRbm g = randomGrbm(nv, 5);
        double exact = g.exactLogPartition(1 << 5).getAsDouble();
        // every mixture component's mean is b + σ W h, within about ±12 here; the grid goes well past it
        double numeric = logIntegral(g, nv, 25, nv == 1 ? 0.001 : 0.02);
        assertThat(exact).isCloseTo(numeric, within(1e-3));
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void aisAgreesWithTheExactLogZ(int nv) {
        GaussianRbm g = randomGrbm(nv, 8);
        double exact = g.exactLogPartition(1 << 8).getAsDouble();
        NDArray mean = root.create(new float[] {1.5f, -1f}); // a base away from the origin, as data would give
        Engine.getInstance().setRandomSeed(3);
        Ais.Result r = Ais.logPartition(g.annealingPath(mean), 500, 1000, root);
        assertThat(exact).as("AIS %s", r).isBetween(r.logZLow(), r.logZHigh());
        assertThat(Math.abs(r.logZ() - exact)).isLessThan(0.1);
    }

    /** The heat map of {@code sample}/{@code compare}: exp(-F - log Z) over a box that holds the mass integrates to 1. */
    @Test
    void itsDensityGridFromTheExactLogZIntegratesToOne() {
        GaussianRbm g = randomGrbm(2, 6);
        assertThat(org.genzoo.eval.DensityGrid.applies(g)).isTrue();
        org.genzoo.eval.DensityGrid grid = org.genzoo.eval.DensityGrid.compute(g, new float[] {-12, 12, -12, 12}, 240,
                root, 0);
        assertThat(grid.bound()).isFalse();
        assertThat(grid.estimator()).contains("log Z by enumeration");
        assertThat(grid.integral()).isCloseTo(1.0, within(0.01));
    }
}
