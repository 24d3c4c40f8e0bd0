package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.nn.Gaussian;

/** The standard normal base density: {@code log p(z) = -½ Σ_i (z_i² + log 2π)}. RealNVP's and Glow's prior. */
public final class StandardNormal implements BaseDistribution {
    @Override
    public NDArray logProb(NDArray z) {
        return Flows.times(Flows.sumPerExample(z.square().add(Gaussian.LOG_2PI)), -0.5);
    }

    @Override
    public NDArray sampleStandard(NDManager manager, Shape shape, DataType type) {
        return manager.randomNormal(0f, 1f, shape, type);
    }
}
