package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.junit.jupiter.api.Test;

/**
 * Batch normalisation as a bijection keeps the contract in inference mode, after training-mode
 * batches have moved its running statistics away from (0, 1); those statistics are buffers.
 */
class BatchNormBijectionTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new BatchNormBijection(p, "bn", event);
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(1, 4, 4));
    }

    @Override
    void prepare(Bijection b, NDArray x) {
        for (int i = 0; i < 40; i++) {
            b.forward(x, true);
        }
    }

    @Test
    void trainingBatchesMoveTheRunningStatisticsWhichAreBuffers() {
        Params p = new Params(root, DataType.FLOAT64);
        BatchNormBijection bn = new BatchNormBijection(p, "bn", new Shape(2));
        NDArray x = root.randomNormal(0f, 1f, new Shape(400, 2), DataType.FLOAT64).mul(2f).add(3f);
        for (int i = 0; i < 200; i++) {
            bn.forward(x, true);
        }
        assertThat(p.isBuffer("bn.mean")).isTrue();
        assertThat(p.isBuffer("bn.var")).isTrue();
        assertThat(p.names()).containsExactly("bn.loggamma", "bn.beta");
        double[] mean = p.get("bn.mean").toDoubleArray();
        double[] var = p.get("bn.var").toDoubleArray();
        double[] xm = x.mean(new int[] {0}).toDoubleArray();
        double[] xv = x.sub(x.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
        for (int c = 0; c < 2; c++) {
            assertThat(mean[c]).isCloseTo(xm[c], org.assertj.core.data.Offset.offset(1e-3));
            assertThat(var[c]).isCloseTo(xv[c], org.assertj.core.data.Offset.offset(1e-3));
        }
    }
}
