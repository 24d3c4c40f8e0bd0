package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.genzoo.core.Progress;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import org.junit.jupiter.api.Test;

/**
 * The units of a flow on 8-bit images, checked on cases done by hand (the accounting is in
 * {@link Flow}'s Javadoc): the logit transform alone under the logistic prior gives
 * {@code log p_Y(y) = D log(1 - 2α)} for every y, so the evaluator must report
 * {@code D (log 256 - log(1 - 2α))} nats and {@code 8 - log₂(1 - 2α)} bits/dim of the discrete data.
 */
class FlowUnitsTest {
    private static final DataSpec GREY = new DataSpec(16, new int[] {4, 4}, DataKind.GREY);

    /** The logit transform and a prior, nothing else. */
    static final class LogitOnly extends Flow<NiceConfig> {
        LogitOnly(BaseDistribution base, NDManager m) {
            super("logit-only", NiceConfig.toy(), GREY, m, base, p -> new Composite(List.of(new Logit(0.05))), false,
                    1.0);
        }
    }

    private static Split greyImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(256) / 255f;
        }
        return new Split(v, n, 16, null);
    }

    @Test
    void evaluatorReportsTheDiscreteNllAndBitsPerDimOfTheHandCase() {
        Split s = greyImages(40, 1);
        Dataset data = new Dataset("grey4x4", GREY, s, s, s, "0", Optional.empty(), OptionalDouble.empty());
        try (NDManager root = NDManager.newBaseManager(); LogitOnly f = new LogitOnly(new StandardLogistic(), root)) {
            Evaluator.Result r = Evaluator.evaluate(f, data, EvalOptions.defaults().with("test", List.of("nll"), 1, 0),
                    Progress.NONE);
            double nats = 16 * (Math.log(256) - Math.log(0.9));
            double bits = 8 - Math.log(0.9) / Math.log(2); // 8.1520
            assertThat(metric(r, "nll").value()).isCloseTo(nats, offset(1e-4));
            assertThat(metric(r, "bits_per_dim").value()).isCloseTo(bits, offset(1e-5));
            assertThat(metric(r, "nll").kind()).isEqualTo(Metric.BOUND); // dequantisation: an upper bound
        }
    }

    @Test
    void logProbUnderTheNormalPriorAddsTheLogitJacobian() {
        try (NDManager root = NDManager.newBaseManager(); LogitOnly f = new LogitOnly(new StandardNormal(), root)) {
            float[] y = new float[16];
            for (int i = 0; i < 16; i++) {
                y[i] = (i + 0.5f) / 16;
            }
            double expected = 0;
            for (float v : y) {
                double s = 0.05 + 0.9 * v;
                double z = Math.log(s / (1 - s));
                expected += -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) + Math.log(0.9) - Math.log(s) - Math.log(1 - s);
            }
            NDArray lp = f.logProb(root.create(y, new Shape(1, 16)));
            assertThat(lp.getFloat(0)).isCloseTo((float) expected, offset(1e-4f));
        }
    }

    private static Metric metric(Evaluator.Result r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
