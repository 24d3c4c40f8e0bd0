package org.genzoo.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Input;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.Progress;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.MixtureSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code visits} on chains over ring8's centres whose visiting time is known: one that walks the
 * ring a mode per transition (every mode after exactly 7), one that jumps to a uniformly random
 * mode each transition (the coupon collector: P(T ≤ t) = Σ_j (-1)^j C(8, j) (1 - j/8)^t), and one
 * that never moves (censored at the cap).
 */
class ModeVisitsTest {
    private static final MixtureSpec RING = org.genzoo.data.ToyData.ring8Mixture();

    /** A chain on ring8's centres: {@code jump} picks the next centre's index from the current one. */
    private static final class Walker extends ChainDoubles.Base implements MarkovChainSampler {
        final String rule;

        Walker(NDManager root, String rule) {
            super(root, 2);
            this.rule = rule;
        }

        @Override
        public Input input() {
            return Input.REAL;
        }

        @Override
        public DataSpec data() {
            return DataSpec.vector(2, DataKind.CONTINUOUS);
        }

        /** The state is (x, y, index of the centre). */
        @Override
        public NDArray initialState(NDManager m, int n) {
            return centres(m, m.zeros(new Shape(n)));
        }

        private static NDArray centres(NDManager m, NDArray index) {
            float[] k = index.toFloatArray();
            float[] out = new float[3 * k.length];
            for (int i = 0; i < k.length; i++) {
                int c = Math.floorMod((int) k[i], 8);
                out[3 * i] = RING.centres()[c][0];
                out[3 * i + 1] = RING.centres()[c][1];
                out[3 * i + 2] = c;
            }
            return m.create(out, new Shape(k.length, 3));
        }

        @Override
        public NDArray step(NDArray state) {
            NDManager m = state.getManager();
            NDArray index = state.get(":, 2");
            NDArray next = switch (rule) {
                case "rotate" -> index.add(1f);
                case "uniform" -> m.randomInteger(0, 8, index.getShape(), ai.djl.ndarray.types.DataType.INT32)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                default -> index;
            };
            return centres(m, next);
        }

        @Override
        public NDArray visible(NDArray state) {
            return state.get(":, 0:2");
        }

        @Override
        public int defaultSteps() {
            return 1;
        }
    }

    private static List<Metric> visits(String rule, int chains, int cap) {
        Dataset ring8 = Datasets.load("ring8", LoadOptions.defaults().withToySizes(100, 100, 100));
        try (NDManager root = NDManager.newBaseManager(); Walker w = new Walker(root, rule)) {
            EvalOptions o = EvalOptions.defaults().with("test", List.of("visits"), 1, 0).withMixing(chains, 0, cap);
            return new ModeVisits().estimate(new EvalContext(w, ring8, o, Progress.NONE)).metrics();
        }
    }

    @Test
    void aChainThatWalksTheRingVisitsEveryModeAfterExactlySevenTransitions() {
        List<Metric> m = visits("rotate", 5, 100);
        assertThat(m.get(0).name()).isEqualTo("steps_all_modes");
        assertThat(m.get(0).value()).isEqualTo(7.0);
        assertThat(m.get(1).name()).isEqualTo("chains_all_modes");
        assertThat(m.get(1).value()).isEqualTo(5.0);
    }

    @Test
    void aChainThatJumpsAtRandomHasTheCouponCollectorsMedian() {
        // the start is mode 0 and each transition draws a mode uniformly, so T is the first t by which
        // the other 7 have all been drawn; by inclusion-exclusion over the modes not yet drawn,
        // P(T <= t) = Σ_{j=0}^{7} (-1)^j C(7, j) (1 - j/8)^t
        double[] cdf = new double[400];
        for (int t = 0; t < cdf.length; t++) {
            double s = 0;
            for (int j = 0; j <= 7; j++) {
                s += (j % 2 == 0 ? 1 : -1) * binomial(7, j) * Math.pow(1 - j / 8.0, t);
            }
            cdf[t] = s;
        }
        int median = 0;
        while (cdf[median] < 0.5) {
            median++;
        }
        // 401 chains: the sample median's standard deviation is about 1 / (2 f(m) sqrt(401)) with
        // f(m) = P(T = m) ≈ 0.045 here, so 0.55 transitions; allow four of them
        double f = cdf[median] - cdf[median - 1];
        assertThat(f).isBetween(0.03, 0.07);
        List<Metric> m = visits("uniform", 401, 1000);
        assertThat(m.get(0).value()).isCloseTo(median, org.assertj.core.api.Assertions.within(2.5));
        assertThat(m.get(1).value()).isEqualTo(401.0);
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    @Test
    void aChainThatNeverMovesIsCensoredAtTheCap() {
        List<Metric> m = visits("stay", 4, 50);
        assertThat(m.get(0).value()).isEqualTo(50.0);
        assertThat(m.get(0).note()).startsWith("more than this");
        assertThat(m.get(1).value()).isZero();
        assertThat(m.get(1).note()).contains("the fewest modes any chain visited: 1 of 8");
    }
}
