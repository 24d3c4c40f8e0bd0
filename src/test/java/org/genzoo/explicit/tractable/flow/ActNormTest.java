package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.junit.jupiter.api.Test;

/** ActNorm keeps the contract, and its data-dependent initialisation does what Glow says, once. */
class ActNormTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new ActNorm(p, "a", event);
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(1, 4, 4), new Shape(3, 2, 2));
    }

    @Test
    void initialisationStandardisesEachChannelOnceAndIsRecordedInABuffer() {
        Params p = new Params(root, DataType.FLOAT64);
        ActNorm a = new ActNorm(p, "a", new Shape(3, 4, 4));
        NDArray x = root.randomNormal(0f, 1f, new Shape(50, 3, 4, 4), DataType.FLOAT64).mul(3f).add(2f);
        assertThat(a.needsInit()).isTrue();
        assertThat(p.isBuffer("a.initialised")).isTrue();
        NDArray y = a.initialize(x);
        assertThat(a.needsInit()).isFalse();
        assertThat(p.get("a.initialised").getDouble(0)).isEqualTo(1.0);
        double[] mean = Flows.meanOver(y, new int[] {0, 2, 3}).toDoubleArray();
        double[] var = Flows.meanOver(y.square(), new int[] {0, 2, 3}).toDoubleArray();
        for (int c = 0; c < 3; c++) {
            assertThat(mean[c]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(var[c]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
        }
        // a second batch leaves the parameters alone
        double[] s = p.get("a.s").toDoubleArray();
        a.initialize(x.mul(10f));
        assertThat(p.get("a.s").toDoubleArray()).containsExactly(s);
    }
}
