package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Activation;

/**
 * A composite of every vector layer keeps the contract: its log-determinant is the sum of its
 * parts' and its inverse walks them in reverse (a composite that summed wrongly or inverted in
 * forward order would fail the Jacobian or the round trip).
 */
class CompositeTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        int d = (int) event.size();
        return new Composite(List.of(
                new AffineCoupling(p, "c0", Masks.alternating(p, d, 0),
                        new MlpConditioner(p, "c0.net", d, new int[] {8}, Activation.TANH, 2)),
                new ActNorm(p, "a", event),
                new InvertibleLinear(p, "w", event),
                new AdditiveCoupling(Masks.alternating(p, d, 1),
                        new MlpConditioner(p, "c1.net", d, new int[] {8}, Activation.TANH, 1)),
                new BatchNormBijection(p, "bn", event),
                new Scaling(p, "s", event)));
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6));
    }
}
