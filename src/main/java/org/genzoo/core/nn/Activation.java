package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import org.genzoo.core.UserError;

/** Element-wise nonlinearities used by the MLPs of every model. */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** max(0.2 x, x), the usual choice in GAN discriminators. */
    LEAKY_RELU,
    /** tanh(x). */
    TANH,
    /** log(1 + e^x), computed stably. */
    SOFTPLUS,
    /** 1 / (1 + e^-x). */
    SIGMOID,
    /** x. */
    LINEAR;

    /** Applies the nonlinearity; the result lives in {@code x}'s manager. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> ai.djl.nn.Activation.relu(x);
            case LEAKY_RELU -> ai.djl.nn.Activation.leakyRelu(x, 0.2f);
            case TANH -> x.tanh();
            case SOFTPLUS -> ai.djl.nn.Activation.softPlus(x);
            case SIGMOID -> x.getNDArrayInternal().sigmoid();
            case LINEAR -> x;
        };
    }

    /**
     * The derivative at the pre-activation {@code z}, element-wise: what a hand-written
     * backward pass multiplies by. It is made of differentiable NDArray operations, so autograd
     * can differentiate through it (for a gradient penalty, say).
     */
    public NDArray derivative(NDArray z) {
        return switch (this) {
            case RELU -> z.gt(0).toType(z.getDataType(), false);
            case LEAKY_RELU -> Scalars.times(z.gt(0).toType(z.getDataType(), false), 0.8f).add(0.2f);
            case TANH -> {
                NDArray t = z.tanh();
                yield t.square().neg().add(1f);
            }
            case SOFTPLUS -> z.getNDArrayInternal().sigmoid();
            case SIGMOID -> {
                NDArray s = z.getNDArrayInternal().sigmoid();
                yield s.mul(s.neg().add(1f));
            }
            case LINEAR -> z.onesLike();
        };
    }

    /** Parses a lower-case name such as {@code relu} or {@code leaky_relu}. */
    public static Activation parse(String name, String flag) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + ": expected one of relu, leaky_relu, tanh, softplus, sigmoid, linear; got '"
                    + name + "'");
        }
    }
}
