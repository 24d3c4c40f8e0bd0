package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.genzoo.core.Params;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The convolutional coupling network in float32 matches the same network in float64 (which
 * skips oneDNN) in its values and in its gradients with respect to the input and every weight:
 * the check that catches oneDNN's wrong float32 input gradient when a convolution's output
 * channels are not a multiple of 16 (here 4 features and 2 outputs, the widths that break it).
 */
class ConvConditionerTest {
    @RepeatedTest(3)
    void float32MatchesFloat64InValuesAndGradients() {
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Params p32 = new Params(root, DataType.FLOAT32);
            Params p64 = new Params(root, DataType.FLOAT64);
            ConvConditioner n32 = new ConvConditioner(p32, "n", 1, 4, 1, 2);
            ConvConditioner n64 = new ConvConditioner(p64, "n", 1, 4, 1, 2);
            for (Map.Entry<String, NDArray> e : p32.asMap().entrySet()) {
                NDArray t = p64.get(e.getKey());
                t.muli(0).addi(e.getValue().add(root.randomNormal(0f, 0.1f, e.getValue().getShape(), DataType.FLOAT32)).toType(DataType.FLOAT64, false));
                e.getValue().muli(0).addi(t.toType(DataType.FLOAT32, false));
            }
            NDArray x32 = root.randomNormal(0f, 1f, new Shape(2, 1, 6, 6), DataType.FLOAT32);
            NDArray x64 = x32.toType(DataType.FLOAT64, false);
            x32.setRequiresGradient(true);
            x64.setRequiresGradient(true);
            NDArray w = root.randomNormal(0f, 1f, new Shape(2, 2, 6, 6), DataType.FLOAT32);
            NDArray y32;
            NDArray y64;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y32 = n32.apply(x32);
                gc.backward(y32.mul(w).sum());
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y64 = n64.apply(x64);
                gc.backward(y64.mul(w.toType(DataType.FLOAT64, false)).sum());
            }
            assertThat(relErr(y32, y64)).as("values").isLessThan(1e-5);
            assertThat(relErr(x32.getGradient(), x64.getGradient())).as("input gradient").isLessThan(1e-4);
            for (String n : p32.names()) {
                assertThat(relErr(p32.get(n).getGradient(), p64.get(n).getGradient())).as(n).isLessThan(1e-4);
            }
        }
    }

    /** max |a - b| / max |b|. */
    private static double relErr(NDArray a, NDArray b) {
        NDArray a64 = a.toType(DataType.FLOAT64, false);
        return BijectionContract.maxAbs(a64.sub(b)) / Math.max(1e-12, BijectionContract.maxAbs(b));
    }
}
