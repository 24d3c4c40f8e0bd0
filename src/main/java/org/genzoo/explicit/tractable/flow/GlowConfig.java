package org.genzoo.explicit.tractable.flow;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link Glow}. What each one means is in its {@link Setting}, which
 * {@code genzoo list glow} prints.
 *
 * @param steps number of flow steps (ActNorm, invertible linear map, affine coupling)
 * @param hidden widths of each coupling network's hidden layers
 * @param activation their nonlinearity
 * @param logitAlpha α of the logit transform applied first to grey images (ignored for real data)
 * @param temperature default sampling temperature T (1: the model itself; Glow shows T = 0.7)
 */
public record GlowConfig(
        @Setting("number of flow steps, each ActNorm, an invertible linear map and an affine coupling") int steps,
        @Setting("widths of each coupling network's hidden layers") int[] hidden,
        @Setting(FlowChecks.ACTIVATION) String activation,
        @Setting(FlowChecks.LOGIT_ALPHA) double logitAlpha,
        @Setting("default sampling temperature T: z is scaled by T (1: the model itself; Glow shows 0.7)")
        double temperature) {

    /** Validates every field, naming it. */
    public GlowConfig {
        FlowChecks.positive(steps, "steps");
        hidden = Settings.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        FlowChecks.alpha(logitAlpha);
        FlowChecks.temperature(temperature);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Vectors of flattened images: 6 steps with couplings of 2 × 1,024 ReLUs. */
    public static GlowConfig mnist() {
        return new GlowConfig(6, new int[] {1024, 1024}, "relu", 0.05, 1.0);
    }

    /** A model for 2-D toy data: 12 steps with couplings of 2 × 128 ReLUs (as {@link RealNvpConfig#toy}). */
    public static GlowConfig toy() {
        return new GlowConfig(12, new int[] {128, 128}, "relu", 0.05, 1.0);
    }
}
