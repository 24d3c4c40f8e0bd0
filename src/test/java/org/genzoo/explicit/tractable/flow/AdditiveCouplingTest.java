package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Activation;

/** NICE's additive coupling keeps the contract (its log-determinant is 0: the Jacobian check confirms it). */
class AdditiveCouplingTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        int d = (int) event.size();
        return new AdditiveCoupling(Masks.alternating(p, d, 1), new MlpConditioner(p, "c", d, new int[] {8}, Activation.TANH, 1));
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6));
    }
}
