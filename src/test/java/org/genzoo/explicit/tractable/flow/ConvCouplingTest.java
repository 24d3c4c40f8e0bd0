package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;

/**
 * RealNVP's affine coupling on images with a residual convolutional network keeps the contract,
 * with a checkerboard mask on a 1 × 4 × 4 image and a channel-wise mask on a squeezed 4 × 2 × 2 one.
 */
class ConvCouplingTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        int c = (int) event.get(0);
        return new AffineCoupling(p, "c", c == 1 ? Masks.checkerboard(p, event, 1) : Masks.channels(p, event, 0),
                new ConvConditioner(p, "c.net", c, 4, 1, 2));
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(1, 4, 4), new Shape(4, 2, 2));
    }
}
