package org.genzoo.explicit.tractable.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingScalingTest {
    @Test
    void measuresEveryAutoregressiveFamilyAtEachSize() {
        try (NDManager root = NDManager.newBaseManager()) {
            for (String model : List.of("nade", "made", "pixelcnn")) {
                List<SamplingScaling.Point> p = SamplingScaling.measure(model, SamplingScaling.smallConfig(model),
                        new int[] {3, 6}, 10, 1, root);
                assertThat(p).extracting(SamplingScaling.Point::n).containsExactly(9, 36);
                assertThat(p).allSatisfy(q -> assertThat(q.seconds()).isPositive().isLessThan(30));
            }
        }
    }
}
