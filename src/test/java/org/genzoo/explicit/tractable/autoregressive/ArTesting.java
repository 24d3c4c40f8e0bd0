package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Sampler;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.View;
import org.genzoo.eval.Estimators;

/** The contract checks every autoregressive model's tests share. */
final class ArTesting {
    private ArTesting() {}

    /** Every binary vector of length n, row c holding the bits of c (bit d in column d). */
    static NDArray allBinary(NDManager m, int n) {
        int rows = 1 << n;
        float[] v = new float[rows * n];
        for (int c = 0; c < rows; c++) {
            for (int d = 0; d < n; d++) {
                v[c * n + d] = (c >> d) & 1;
            }
        }
        return m.create(v, new Shape(rows, n));
    }

    /** Σ_x p(x) over all 2^n vectors, the log-probabilities computed in float32, summed in double. */
    static double totalProbability(NDManager m, int n, Function<NDArray, NDArray> logProb) {
        float[] lp = logProb.apply(allBinary(m, n)).toFloatArray();
        double s = 0;
        for (float v : lp) {
            s += Math.exp(v);
        }
        return s;
    }

    /**
     * Counts forbidden dependencies: pairs (i, j) with {@code ∂out_i/∂x_j ≠ 0} although j does not
     * come before i ({@code position[j] >= position[i]}). {@code allowed[0]} receives the number of
     * nonzero derivatives on permitted pairs, so a test can tell a vacuous pass from a real one.
     *
     * @param outputs x (1, n) to (1, n) outputs (one per input dimension)
     * @param position position of each dimension in the model's order
     */
    static int violations(NDManager m, int n, Function<NDArray, NDArray> outputs, int[] position, int[] allowed) {
        int bad = 0;
        allowed[0] = 0;
        NDArray x0 = m.randomUniform(0.1f, 0.9f, new Shape(1, n)); // generic point: no dead units by accident
        for (int i = 0; i < n; i++) {
            try (NDManager sm = m.newSubManager()) {
                NDArray x = x0.duplicate();
                x.attach(sm);
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = outputs.apply(x);
                    gc.backward(out.get(new NDIndex(":, {}", i)).sum());
                }
                float[] g = x.getGradient().toFloatArray();
                for (int j = 0; j < n; j++) {
                    if (g[j] != 0f) {
                        if (position[j] >= position[i]) {
                            bad++;
                        } else {
                            allowed[0]++;
                        }
                    }
                }
            }
        }
        return bad;
    }

    /** position[d] = d: the natural order. */
    static int[] natural(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /**
     * Pearson's chi-square statistic of {@code count} samples against the model's exact p(x) over
     * all 2^n vectors.
     */
    static double chiSquare(NDManager m, int n, int count, Sampler s, Function<NDArray, NDArray> logProb) {
        float[] x = s.sample(m, count).toFloatArray();
        long[] obs = new long[1 << n];
        for (int r = 0; r < count; r++) {
            int c = 0;
            for (int d = 0; d < n; d++) {
                if (x[r * n + d] == 1f) {
                    c |= 1 << d;
                } else if (x[r * n + d] != 0f) {
                    throw new AssertionError("sample value " + x[r * n + d] + " is not binary");
                }
            }
            obs[c]++;
        }
        float[] lp = logProb.apply(allBinary(m, n)).toFloatArray();
        double chi = 0;
        for (int c = 0; c < obs.length; c++) {
            double e = count * Math.exp(lp[c]);
            chi += (obs[c] - e) * (obs[c] - e) / e;
        }
        return chi;
    }

    /** Multiplies every parameter by {@code f}, so that p(x) is far from uniform. */
    static void scaleParameters(GenerativeModel model, float f) {
        for (NDArray p : model.params().asMap().values()) {
            p.muli(f);
        }
    }

    /** Replaces every parameter, biases included, by N(0, std²) draws from the engine. */
    static void randomiseParameters(GenerativeModel model, float std) {
        for (NDArray p : model.params().asMap().values()) {
            try (NDArray r = p.getManager().randomNormal(0f, std, p.getShape(), p.getDataType())) {
                p.muli(0f).addi(r);
            }
        }
    }

    /** binary-synthetic with 2000/500/500 examples. */
    static Dataset binarySynthetic() {
        return Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(2000, 500, 500));
    }

    /** Mean validation NLL (nats) of a model with an exact density. */
    static double validNll(org.genzoo.core.ExactDensity d, Dataset data, NDManager m) {
        try (NDManager sm = m.newSubManager()) {
            NDArray x = View.IDENTITY.prepare(data.valid(), 0).toNDArray(sm);
            return -d.logProb(x).mean().getFloat();
        }
    }

    /** A short training run in memory. */
    static TrainResult train(GenerativeModel model, Dataset data, int epochs, double lr) {
        TrainConfig cfg = new TrainConfig(epochs, 50, OptimizerSpec.adam(lr), 0, 0, 0, 1000);
        return new Trainer(List.of(), Estimators::validation).train(model, data, cfg, null, false);
    }
}
