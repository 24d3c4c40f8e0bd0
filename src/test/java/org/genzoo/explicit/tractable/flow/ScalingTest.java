package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;

/** NICE's diagonal scaling keeps the contract on vectors and images. */
class ScalingTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        return new Scaling(p, "s", event);
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(1, 4, 4));
    }
}
