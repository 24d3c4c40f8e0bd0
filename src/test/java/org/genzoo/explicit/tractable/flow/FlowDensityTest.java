package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.Trainer;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.Estimators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A briefly trained 2-D flow of each preset is a density: it integrates to 1 over a box that
 * holds its mass (midpoint quadrature), and its samples follow it (Pearson's chi-square on
 * binned samples against the integrated density of each bin), while samples drawn at another
 * temperature do not (the negative control).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowDensityTest {
    // the box and grid: moons lie in [-1.2, 2.2] × [-0.7, 1.2]; the wide margin holds the tails of
    // NICE's logistic prior (a box of side 8 missed 9 % of its mass)
    private static final double X0 = -8;
    private static final double Y0 = -8;
    private static final double SIDE = 16;
    private static final int FINE = 800; // h = 0.02, fine against the moons' noise of std 0.05
    private static final int COARSE = 32; // bins of side 0.5
    private static final int SAMPLES = 20_000;

    private NDManager root;
    private Dataset moons;

    @BeforeAll
    void load() {
        root = NDManager.newBaseManager();
        moons = Datasets.load("moons", LoadOptions.defaults().withToySizes(2560, 256, 256));
    }

    @AfterAll
    void close() {
        root.close();
    }

    private Flow<?> trained(String kind) {
        Engine.getInstance().setRandomSeed(5);
        int[] h = {32, 32};
        Flow<?> f = switch (kind) {
            case "nice" -> new Nice(new NiceConfig(4, h, "relu", "logistic", 0.05, 1.0), moons.spec(), root);
            case "realnvp" -> new RealNvp(new RealNvpConfig(4, h, "relu", "batchnorm", 0, 0, 0.05, 1.0), moons.spec(), root);
            default -> new Glow(new GlowConfig(3, h, "relu", 0.05, 1.0), moons.spec(), root);
        };
        TrainConfig cfg = new TrainConfig(8, 128, OptimizerSpec.adam(3e-3), 1, 0, 0, 1000);
        new Trainer(List.of(), Estimators::validation).train(f, moons, cfg, null, false);
        return f;
    }

    /** p(x) at the midpoints of a FINE × FINE grid over the box, row-major over (i = x, j = y), times h². */
    private double[] cellMasses(Flow<?> f) {
        double h = SIDE / FINE;
        float[] pts = new float[FINE * FINE * 2];
        for (int i = 0; i < FINE; i++) {
            for (int j = 0; j < FINE; j++) {
                pts[2 * (i * FINE + j)] = (float) (X0 + (i + 0.5) * h);
                pts[2 * (i * FINE + j) + 1] = (float) (Y0 + (j + 0.5) * h);
            }
        }
        double[] mass = new double[FINE * FINE];
        try (NDManager m = root.newSubManager()) {
            float[] lp = f.logProb(m.create(pts, new Shape(FINE * FINE, 2))).toFloatArray();
            for (int k = 0; k < mass.length; k++) {
                mass[k] = Math.exp(lp[k]) * h * h;
            }
        }
        return mass;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nice", "realnvp", "glow"})
    void densityIntegratesToOneAndSamplesFollowIt(String kind) {
        try (Flow<?> f = trained(kind)) {
            double[] mass = cellMasses(f);
            double total = 0;
            for (double v : mass) {
                total += v;
            }
            assertThat(total).as("∫ p over the box").isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));

            double[] expected = new double[COARSE * COARSE]; // probability of each bin
            int per = FINE / COARSE;
            for (int i = 0; i < FINE; i++) {
                for (int j = 0; j < FINE; j++) {
                    expected[(i / per) * COARSE + j / per] += mass[i * FINE + j];
                }
            }
            Engine.getInstance().setRandomSeed(9);
            double[] atOne = chiSquare(f, expected, 1.0);
            assertThat(atOne[0]).as("chi-square at T = 1 (df %d)", (int) atOne[1]).isLessThan(critical(atOne[1]));
            double[] cooler = chiSquare(f, expected, 0.8);
            assertThat(cooler[0]).as("negative control: samples at T = 0.8").isGreaterThan(critical(cooler[1]));
        }
    }

    /**
     * Pearson's statistic of SAMPLES draws at temperature T against the bin probabilities; bins
     * expecting fewer than 5 draws are pooled with the outside of the box. Returns {statistic, df}.
     */
    private double[] chiSquare(Flow<?> f, double[] p, double temperature) {
        long[] obs = new long[p.length];
        long inBox = 0;
        try (NDManager m = root.newSubManager()) {
            float[] x = f.sample(m, SAMPLES, temperature).toFloatArray();
            double w = SIDE / COARSE;
            for (int r = 0; r < SAMPLES; r++) {
                int i = (int) Math.floor((x[2 * r] - X0) / w);
                int j = (int) Math.floor((x[2 * r + 1] - Y0) / w);
                if (i >= 0 && i < COARSE && j >= 0 && j < COARSE) {
                    obs[i * COARSE + j]++;
                    inBox++;
                }
            }
        }
        double chi = 0;
        int bins = 0;
        double restExpected = SAMPLES;
        long restObserved = SAMPLES;
        for (int k = 0; k < p.length; k++) {
            double e = SAMPLES * p[k];
            if (e >= 5) {
                chi += (obs[k] - e) * (obs[k] - e) / e;
                bins++;
                restExpected -= e;
                restObserved -= obs[k];
            }
        }
        restExpected = Math.max(restExpected, 1e-9);
        chi += (restObserved - restExpected) * (restObserved - restExpected) / restExpected;
        return new double[] {chi, bins}; // bins + 1 cells, minus one constraint
    }

    /**
     * The chi-square quantile of probability 0.999 by the Wilson–Hilferty approximation,
     * {@code df (1 - 2/(9 df) + z √(2/(9 df)))³} with z = 3.090 (accurate to about 1 % for
     * df ≥ 10; our tests have dozens of bins).
     */
    static double critical(double df) {
        double a = 2 / (9 * df);
        return df * Math.pow(1 - a + 3.090 * Math.sqrt(a), 3);
    }
}
