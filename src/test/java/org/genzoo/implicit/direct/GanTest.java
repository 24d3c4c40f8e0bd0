package org.genzoo.implicit.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genzoo.core.Seeds;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.junit.jupiter.api.Test;

/** The generator average: it starts equal to the generator and follows θ̄ ← d θ̄ + (1 - d) θ. */
class GanTest {

    @Test
    void averagedGeneratorFollowsTheExponentialMovingAverage() {
        Seeds.seedEngine(4, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            GanConfig cfg = new GanConfig(2, new int[] {8}, new int[] {8}, "relu", "leaky_relu", "nonsaturating", 1, 2,
                    true, 3, 0.75, 0);
            Gan gan = new Gan(cfg, DataSpec.vector(2, DataKind.CONTINUOUS), root);
            Map<String, float[]> before = new LinkedHashMap<>();
            for (String name : gan.params().asMap().keySet()) {
                if (name.startsWith("generator.")) {
                    before.put(name, gan.params().get(name).toFloatArray());
                    assertThat(gan.params().get("generator_ema" + name.substring(9)).toFloatArray())
                            .as(name).containsExactly(before.get(name));
                }
            }
            // the averages are buffers: not trained, not counted, not in the generator's group
            assertThat(gan.params().names()).noneMatch(n -> n.startsWith("generator_ema"));
            assertThat(gan.parameterGroups().get("generator")).noneMatch(n -> n.startsWith("generator_ema"));

            try (OptimizerSet opt = new OptimizerSet(gan.params(), gan.parameterGroups(), Map.of(),
                    OptimizerSpec.adam(1e-2));
                    NDManager sm = root.newSubManager()) {
                gan.trainStep(sm.randomNormal(new Shape(16, 2)), opt, sm);
            }
            boolean moved = false;
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                float[] now = gan.params().get(e.getKey()).toFloatArray();
                float[] avg = gan.params().get("generator_ema" + e.getKey().substring(9)).toFloatArray();
                for (int i = 0; i < now.length; i++) {
                    assertThat((double) avg[i]).as(e.getKey()).isCloseTo(0.75 * e.getValue()[i] + 0.25 * now[i],
                            within(1e-6));
                    moved |= now[i] != e.getValue()[i];
                }
            }
            assertThat(moved).as("the generator stepped").isTrue();
            try (NDManager sm = root.newSubManager()) {
                assertThat(gan.sample(sm, 5).getShape()).isEqualTo(new Shape(5, 2));
            }
        }
    }
}
