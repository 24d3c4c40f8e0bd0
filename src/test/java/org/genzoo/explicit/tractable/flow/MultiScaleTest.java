package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;

/**
 * RealNVP's whole multi-scale architecture keeps the contract on a 1 × 4 × 4 image: checkerboard
 * couplings, squeeze, channel couplings, factoring out, the last scale, the unsqueeze, ActNorm.
 */
class MultiScaleTest extends BijectionContract {
    @Override
    Bijection build(Params p, Shape event) {
        RealNvpConfig cfg = new RealNvpConfig(1, new int[] {1}, "relu", "actnorm", 4, 1, 0.05, 1.0);
        return RealNvp.multiScale(cfg, event, p, "s");
    }

    @Override
    List<Shape> events() {
        return List.of(new Shape(1, 4, 4));
    }
}
