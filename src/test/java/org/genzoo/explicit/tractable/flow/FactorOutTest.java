package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;

/** Factoring out half the channels keeps the contract: identity on one half, the rest's map on the other. */
class FactorOutTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        Shape half = new Shape(event.get(0) / 2, event.get(1), event.get(2));
        return new FactorOut(new Composite(List.of(new ActNorm(p, "a", half), new Scaling(p, "s", half))));
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(2, 4, 4), new Shape(4, 2, 2));
    }
}
