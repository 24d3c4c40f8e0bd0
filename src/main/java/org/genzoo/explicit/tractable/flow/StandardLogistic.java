package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The standard logistic base density that NICE uses (Dinh, Krueger &amp; Bengio 2014, section
 * 3.4): {@code log p(z_i) = -log(1 + e^{z_i}) - log(1 + e^{-z_i}) = -softplus(z_i) - softplus(-z_i)},
 * whose heavier tails than the normal's give better-behaved gradients. Sampling inverts the CDF
 * {@code σ}: {@code z = log u - log(1 - u)}, {@code u ~ U(0, 1)}.
 */
public final class StandardLogistic implements BaseDistribution {
    @Override
    public NDArray logProb(NDArray z) {
        return Flows.sumPerExample(Activation.softPlus(z).add(Activation.softPlus(z.neg()))).neg();
    }

    @Override
    public NDArray sampleStandard(NDManager manager, Shape shape, DataType type) {
        // u in (2^-24, 1 - 2^-24) keeps both logarithms finite in float32
        NDArray u = manager.randomUniform(1f / (1 << 24), 1f - 1f / (1 << 24), shape, type);
        return u.log().sub(u.neg().add(1f).log());
    }
}
