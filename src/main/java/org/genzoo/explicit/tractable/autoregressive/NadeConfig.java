package org.genzoo.explicit.tractable.autoregressive;

import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Nade}.
 *
 * @param hidden number of hidden units H shared by all n conditionals
 * @param activation nonlinearity of the hidden units ({@code sigmoid} in the paper)
 */
public record NadeConfig(int hidden, String activation) {

    /** Validates every field, naming it. */
    public NadeConfig {
        if (hidden < 1) {
            throw new UserError("hidden: expected a positive whole number, got " + hidden);
        }
        org.genzoo.core.nn.Activation.parse(activation, "activation");
    }

    /** Larochelle and Murray's binarised-MNIST model: 500 sigmoid hidden units. */
    public static NadeConfig mnist() {
        return new NadeConfig(500, "sigmoid");
    }

    /** A small model for short binary vectors (binary-synthetic, tests). */
    public static NadeConfig toy() {
        return new NadeConfig(64, "sigmoid");
    }
}
