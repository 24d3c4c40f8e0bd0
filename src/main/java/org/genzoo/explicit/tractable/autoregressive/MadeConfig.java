package org.genzoo.explicit.tractable.autoregressive;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Made}. What each one means is in its {@link Setting}, which
 * {@code genzoo list made} prints.
 */
public record MadeConfig(
        @Setting("widths of the masked hidden layers (any number of layers, none included)") int[] hidden,
        @Setting("K, the masks trained on: one drawn per step (order- and connectivity-agnostic training, "
                + "Germain et al. 2015 section 4) and averaged at evaluation; 1 is a plain MADE") int numMasks,
        @Setting("draw a random input ordering for each mask (false: every mask uses the natural order "
                + "and only the connectivity changes)") boolean orderAgnostic,
        @Setting("nonlinearity of the hidden layers") String activation,
        @Setting("seed the masks are recomputed from, so they need not be saved") long maskSeed) {

    /** Validates every field, naming it. */
    public MadeConfig {
        hidden = Settings.widths(hidden, "hidden");
        if (numMasks < 1 || numMasks > 1024) {
            throw new UserError("numMasks: expected a whole number from 1 to 1024, got " + numMasks);
        }
        org.genzoo.core.nn.Activation.parse(activation, "activation");
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Germain et al.'s best binarised-MNIST setting: one layer of 500 ReLUs, 32 masks. */
    public static MadeConfig mnist() {
        return new MadeConfig(new int[] {500}, 32, true, "relu", 0L);
    }

    /** A small model for short binary vectors (binary-synthetic, tests): natural order, one mask. */
    public static MadeConfig toy() {
        return new MadeConfig(new int[] {64, 64}, 1, false, "relu", 0L);
    }
}
