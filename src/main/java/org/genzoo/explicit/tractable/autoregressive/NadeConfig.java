package org.genzoo.explicit.tractable.autoregressive;

import org.genzoo.core.Setting;
import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Nade}. What each one means is in its {@link Setting}, which
 * {@code genzoo list nade} prints.
 */
public record NadeConfig(
        @Setting("number of hidden units H, shared by all n conditionals") int hidden,
        @Setting("nonlinearity of the hidden units (sigmoid in the paper)") String activation) {

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
