package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;

/** The logit transform keeps the contract on dequantised values in (0, 1), on vectors and images. */
class LogitTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new Logit(0.05);
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(1, 4, 4));
    }

    @Override
    NDArray input(NDManager m, Shape shape, DataType type) {
        return m.randomUniform(0f, 1f, shape, type);
    }
}
