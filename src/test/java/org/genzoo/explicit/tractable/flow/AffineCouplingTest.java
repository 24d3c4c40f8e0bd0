package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Activation;

/** RealNVP's affine coupling, with an alternating mask and with Glow's half/half mask. */
class AffineCouplingTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        int d = (int) event.size();
        return new AffineCoupling(p, "c", d == 6 ? Masks.alternating(p, d, 0) : Masks.firstHalf(p, d),
                new MlpConditioner(p, "c.net", d, new int[] {8}, Activation.TANH, 2));
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(6), new Shape(5));
    }
}
