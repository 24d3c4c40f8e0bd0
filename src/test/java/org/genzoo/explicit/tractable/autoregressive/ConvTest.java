package org.genzoo.explicit.tractable.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.nn.Conv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolution PixelCNN uses, against float64: on the project machine oneDNN's float32 input
 * gradient is wrong unless out_channels % 16 == 0 (docs/runtime.md, "Engine facts"), and float64
 * convolutions skip oneDNN, so they are the reference.
 */
class ConvTest {
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** Values and gradients (wrt input and weight) of sum(conv(x) ⊙ r) for a random r. */
    private static float[][] run(NDArray x0, NDArray w0, NDArray mask0, NDArray b0, NDArray r0, DataType t) {
        try (NDManager sm = root.newSubManager()) {
            NDArray x = copy(x0, t);
            NDArray w = copy(w0, t);
            NDArray b = copy(b0, t);
            NDArray mask = copy(mask0, t);
            NDArray r = copy(r0, t);
            sm.attachAll(x, w, b, mask, r); // fresh leaves each run: gradients would accumulate
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = Conv.conv2d(x, w, mask, b, 2);
                y = out.toType(DataType.FLOAT32, false).toFloatArray();
                gc.backward(out.mul(r).sum());
            }
            return new float[][] {y, x.getGradient().toType(DataType.FLOAT32, false).toFloatArray(),
                w.getGradient().toType(DataType.FLOAT32, false).toFloatArray()};
        }
    }

    /** A copy in type t ({@code toType(t, true)} returns the array itself when the type matches). */
    private static NDArray copy(NDArray a, DataType t) {
        return a.getDataType() == t ? a.duplicate() : a.toType(t, false);
    }

    private static double relError(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs((double) a[i] - b[i]));
            den = Math.max(den, Math.abs((double) b[i]));
            if (Float.isNaN(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return num / Math.max(den, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 17, 32})
    void maskedConvolutionGradientsMatchFloat64(int cout) {
        Engine.getInstance().setRandomSeed(cout);
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.randomNormal(new Shape(3, 5, 8, 8));
            NDArray w = m.randomNormal(0f, 0.3f, new Shape(cout, 5, 5, 5), DataType.FLOAT32);
            NDArray b = m.randomNormal(new Shape(cout));
            float[] mk = new float[25];
            for (int i = 0; i < 12; i++) {
                mk[i] = 1f; // a type-A mask of a 5x5 kernel
            }
            NDArray mask = m.create(mk, new Shape(1, 1, 5, 5));
            NDArray r = m.randomNormal(new Shape(3, cout, 8, 8));
            for (int trial = 0; trial < 3; trial++) { // some of oneDNN's failures are not deterministic
                float[][] f32 = run(x, w, mask, b, r, DataType.FLOAT32);
                float[][] f64 = run(x, w, mask, b, r, DataType.FLOAT64);
                assertThat(relError(f32[0], f64[0])).as("output, cout %d", cout).isLessThan(1e-4);
                assertThat(relError(f32[1], f64[1])).as("input gradient, cout %d", cout).isLessThan(1e-4);
                assertThat(relError(f32[2], f64[2])).as("weight gradient, cout %d", cout).isLessThan(1e-4);
            }
        }
    }
}
