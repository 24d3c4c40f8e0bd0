package org.genzoo.explicit.tractable.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Sampler;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.junit.jupiter.api.Test;

/**
 * Training steps, log-probabilities and sampling leave nothing behind in the model's manager
 * (docs/runtime.md, "Engine facts": an op whose first operand is a parameter puts its result there).
 */
class NoLeakTest {
    @Test
    void stepsAndSamplingDoNotGrowTheModelsManager() {
        Engine.getInstance().setRandomSeed(1);
        DataSpec spec = new DataSpec(16, new int[] {4, 4}, DataKind.BINARY);
        try (NDManager root = NDManager.newBaseManager()) {
            List<GenerativeModel> models = List.of(
                    new Nade(new NadeConfig(8, "sigmoid"), spec, root),
                    new Made(new MadeConfig(new int[] {8}, 2, true, "relu", 0L), spec, root),
                    new PixelCnn(new PixelCnnConfig(8, 1, 3, 3, true, "bernoulli"), spec, root));
            for (GenerativeModel model : models) {
                try (OptimizerSet opt = new OptimizerSet(model.params(), model.parameterGroups(), java.util.Map.of(),
                        OptimizerSpec.adam(1e-3))) {
                    NDManager mm = model.params().manager();
                    int after1 = -1;
                    for (int step = 0; step < 4; step++) {
                        try (NDManager sm = root.newSubManager()) {
                            NDArray x = sm.randomUniform(0f, 1f, new Shape(5, 16)).lt(0.5f)
                                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                            model.trainStep(x, opt, sm);
                            ((org.genzoo.core.ExactDensity) model).logProb(x).toFloatArray();
                            ((Sampler) model).sample(sm, 3).toFloatArray();
                        }
                        if (step == 0) {
                            after1 = mm.getManagedArrays().size();
                        }
                    }
                    assertThat(mm.getManagedArrays().size()).as(model.kind()).isEqualTo(after1);
                }
                model.close();
            }
        }
    }
}
