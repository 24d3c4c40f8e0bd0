package org.genzoo.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.genzoo.core.Params;
import org.genzoo.core.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Batch normalisation and maxout against sums written out here in double precision, and the
 * buffers that batch normalisation keeps: saved and loaded, never trained.
 */
class LayersTest {

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningOnesAtInference() {
        Seeds.seedEngine(1, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            Params p = new Params(root);
            BatchNorm bn = new BatchNorm(p, "bn", 3);
            p.get("bn.gamma").muli(root.create(new float[] {2f, 1f, 0.5f}));
            p.get("bn.beta").addi(root.create(new float[] {0f, 1f, -1f}));
            int n = 8;
            float[] x = new float[n * 3];
            java.util.Random r = new java.util.Random(3);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * (1 + i % 3) + i % 3);
            }
            double[] mean = new double[3];
            double[] var = new double[3];
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < n; i++) {
                    mean[j] += x[i * 3 + j] / (double) n;
                }
                for (int i = 0; i < n; i++) {
                    var[j] += Math.pow(x[i * 3 + j] - mean[j], 2) / n;
                }
            }
            double[] gamma = {2, 1, 0.5};
            double[] beta = {0, 1, -1};
            try (NDManager sm = root.newSubManager()) {
                float[] y = bn.forward(sm.create(x, new Shape(n, 3)), true).toFloatArray();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < 3; j++) {
                        double want = gamma[j] * (x[i * 3 + j] - mean[j]) / Math.sqrt(var[j] + 1e-5) + beta[j];
                        assertThat((double) y[i * 3 + j]).isCloseTo(want, within(1e-4));
                    }
                }
            }
            // one training batch moves the running statistics by 0.1 toward (mean, unbiased var)
            float[] rm = p.get("bn.mean").toFloatArray();
            float[] rv = p.get("bn.var").toFloatArray();
            for (int j = 0; j < 3; j++) {
                assertThat((double) rm[j]).isCloseTo(0.1 * mean[j], within(1e-5));
                assertThat((double) rv[j]).isCloseTo(0.9 + 0.1 * var[j] * n / (n - 1), within(1e-4));
            }
            // inference uses the running statistics, whatever the batch
            try (NDManager sm = root.newSubManager()) {
                float[] one = {1f, 2f, 3f};
                float[] y = bn.forward(sm.create(one, new Shape(1, 3)), false).toFloatArray();
                for (int j = 0; j < 3; j++) {
                    double want = gamma[j] * (one[j] - rm[j]) / Math.sqrt(rv[j] + 1e-5) + beta[j];
                    assertThat((double) y[j]).isCloseTo(want, within(1e-4));
                }
            }
        }
    }

    @Test
    void buffersAreSavedButNotTrained() throws IOException {
        try (NDManager root = NDManager.newBaseManager()) {
            Params p = new Params(root);
            new BatchNorm(p, "bn", 2);
            assertThat(p.names()).containsExactly("bn.gamma", "bn.beta");
            assertThat(p.count()).isEqualTo(4);
            assertThat(p.isBuffer("bn.mean")).isTrue();
            assertThat(p.get("bn.var").hasGradient()).isFalse();
            p.get("bn.mean").addi(root.create(new float[] {3f, 4f}));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.write(new DataOutputStream(bytes));

            Params q = new Params(root);
            new BatchNorm(q, "bn", 2);
            q.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "mem");
            assertThat(q.get("bn.mean").toFloatArray()).containsExactly(3f, 4f);
        }
    }

    @Test
    void asBuffersBuildsACopyWithoutRandomDraws() {
        try (NDManager root = NDManager.newBaseManager()) {
            Seeds.seedEngine(5, "test", 0);
            Params p = new Params(root);
            new Dense(p, "a", 3, 4);
            p.asBuffers(() -> new Dense(p, "copy", 3, 4));
            new Dense(p, "b", 3, 4);
            Seeds.seedEngine(5, "test", 0);
            Params q = new Params(root);
            new Dense(q, "a", 3, 4);
            new Dense(q, "b", 3, 4);
            assertThat(p.get("b.w").toFloatArray()).containsExactly(q.get("b.w").toFloatArray());
            assertThat(p.names()).containsExactly("a.w", "a.b", "b.w", "b.b");
            assertThat(p.get("copy.w").toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void maxoutKeepsTheLargestOfEachUnitsPieces() {
        Seeds.seedEngine(2, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            Params p = new Params(root);
            int in = 4;
            int units = 5;
            int k = 3;
            Mlp mlp = new Mlp(p, "m", new int[] {in, units, 2}, Activation.RELU, false, k);
            assertThat(p.get("m.0.w").getShape()).isEqualTo(new Shape(units * k, in));
            float[] w0 = p.get("m.0.w").toFloatArray();
            float[] b0 = p.get("m.0.b").addi(root.randomNormal(new Shape(units * k))).toFloatArray();
            float[] w1 = p.get("m.1.w").toFloatArray();
            float[] x = {0.5f, -1f, 2f, 0.25f};
            // unit u's pieces are rows u*k .. u*k + k - 1 of the first weight matrix
            double[] h = new double[units];
            for (int u = 0; u < units; u++) {
                h[u] = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    int row = u * k + c;
                    double a = b0[row];
                    for (int i = 0; i < in; i++) {
                        a += w0[row * in + i] * x[i];
                    }
                    h[u] = Math.max(h[u], a);
                }
            }
            try (NDManager sm = root.newSubManager()) {
                float[] y = mlp.forward(sm.create(x, new Shape(1, in))).toFloatArray();
                for (int o = 0; o < 2; o++) {
                    double want = 0;
                    for (int u = 0; u < units; u++) {
                        want += w1[o * units + u] * h[u];
                    }
                    assertThat((double) y[o]).isCloseTo(want, within(1e-4));
                }
            }
        }
    }

    /** The hand-written input gradient equals autograd's, for every nonlinearity and for maxout. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,1", "leaky_relu,1", "tanh,1", "softplus,1", "sigmoid,1",
            "linear,1", "relu,3"})
    void inputGradientMatchesAutograd(String act, int pieces) {
        Seeds.seedEngine(9, "test", pieces);
        try (NDManager root = NDManager.newBaseManager()) {
            Params p = new Params(root);
            Mlp mlp = new Mlp(p, "d", new int[] {3, 6, 5, 1}, Activation.parse(act, "act"), false, pieces);
            try (NDManager sm = root.newSubManager()) {
                NDArray x = sm.randomNormal(new Shape(7, 3));
                float[] mine = mlp.inputGradient(x).toFloatArray();
                x.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    gc.backward(mlp.forward(x).sum());
                }
                float[] auto = x.getGradient().toFloatArray();
                assertThat(mine).hasSize(auto.length);
                for (int i = 0; i < auto.length; i++) {
                    assertThat((double) mine[i]).as("element %d", i).isCloseTo(auto[i], within(1e-5));
                }
            }
        }
    }
}
