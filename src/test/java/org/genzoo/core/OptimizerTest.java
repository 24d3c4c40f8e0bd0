package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/** genzoo's own Adam and SGD against the update rules computed by hand in double precision. */
class OptimizerTest {

    /** Minimises f(θ) = Σ (θ - t)² for a few steps; grad = 2 (θ - t). */
    private static float[] run(OptimizerSpec spec, float[] theta0, float[] target, int steps, NDManager root) {
        NDManager model = root.newSubManager();
        Params p = new Params(model);
        NDArray theta = p.create("theta", new Shape(theta0.length), (m, s, t) -> m.create(theta0));
        try (OptimizerSet opt = new OptimizerSet(p, Map.of("model", List.of("theta")), Map.of(), spec)) {
            int before = -1;
            for (int i = 0; i < steps; i++) {
                try (NDManager sm = root.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray d = theta.sub(sm.create(target));
                        d.attach(sm);
                        gc.backward(d.square().sum());
                    }
                    opt.step("model", sm);
                }
                if (i == 1) {
                    before = model.getManagedArrays().size();
                }
                if (i > 1) {
                    // nothing accumulates in the model's manager from one step to the next
                    assertThat(model.getManagedArrays().size()).as("arrays after step %d", i).isEqualTo(before);
                }
            }
            try (NDArray g = theta.getGradient()) {
                assertThat(g.toFloatArray()).as("the step zeroes the gradient").containsOnly(0f);
            }
            return theta.toFloatArray();
        } finally {
            model.close();
        }
    }

    @Test
    void adamFollowsKingmaAndBaAlgorithm1() {
        float[] t0 = {1f, -2f, 0.5f};
        float[] tgt = {0.3f, 0.1f, -4f};
        double lr = 0.05;
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-8;
        double[] th = {1, -2, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        int steps = 7;
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 3; i++) {
                double g = 2 * (th[i] - tgt[i]);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.pow(b1, t));
                double vh = v[i] / (1 - Math.pow(b2, t));
                th[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
        }
        try (NDManager root = NDManager.newBaseManager()) {
            float[] got = run(new OptimizerSpec("adam", lr, b1, b2, eps), t0, tgt, steps, root);
            for (int i = 0; i < 3; i++) {
                assertThat((double) got[i]).isCloseTo(th[i], within(1e-5));
            }
        }
    }

    @Test
    void sgdWithMomentumFollowsTheHeavyBallRule() {
        float[] t0 = {1f, -2f};
        float[] tgt = {0.5f, 3f};
        double lr = 0.1;
        double mu = 0.9;
        double[] th = {1, -2};
        double[] buf = new double[2];
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < 2; i++) {
                double g = 2 * (th[i] - tgt[i]);
                buf[i] = mu * buf[i] + g;
                th[i] -= lr * buf[i];
            }
        }
        try (NDManager root = NDManager.newBaseManager()) {
            float[] got = run(OptimizerSpec.sgd(lr, mu), t0, tgt, 5, root);
            for (int i = 0; i < 2; i++) {
                assertThat((double) got[i]).isCloseTo(th[i], within(1e-4));
            }
        }
    }

    @Test
    void learningRateScaleScalesTheStep() {
        // SGD without momentum: θ ← θ - η s g, with g = 2 (θ - t); one step from 1 toward 0 with η = 0.1, s = 0.25
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager model = root.newSubManager();
            Params p = new Params(model);
            NDArray theta = p.create("theta", new Shape(1), (m, s, t) -> m.create(new float[] {1f}));
            try (OptimizerSet opt = new OptimizerSet(p, Map.of("model", List.of("theta")), Map.of(),
                    OptimizerSpec.sgd(0.1, 0))) {
                opt.setLearningRateScale(0.25);
                try (NDManager sm = root.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray sq = theta.square();
                        sq.attach(sm);
                        gc.backward(sq.sum());
                    }
                    opt.step("model", sm);
                }
                assertThat((double) theta.toFloatArray()[0]).isCloseTo(1 - 0.1 * 0.25 * 2, within(1e-6));
            }
            model.close();
        }
    }
}
