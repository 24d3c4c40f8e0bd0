package org.genzoo.explicit.tractable.flow;

import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link RealNvp}.
 *
 * @param couplings number of affine coupling layers (partitions alternate between them)
 * @param hidden widths of each coupling network's hidden layers
 * @param activation their nonlinearity
 * @param normalisation between couplings: {@code batchnorm} (the paper's, section 3.7),
 *     {@code actnorm} (Glow's) or {@code none}
 * @param logitAlpha α of the logit transform applied first to grey images (ignored for real data)
 * @param temperature default sampling temperature (1: the model itself)
 */
public record RealNvpConfig(int couplings, int[] hidden, String activation, String normalisation,
        double logitAlpha, double temperature) {

    /** Validates every field, naming it. */
    public RealNvpConfig {
        FlowChecks.positive(couplings, "couplings");
        hidden = FlowChecks.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        FlowChecks.oneOf(normalisation, "normalisation", "batchnorm", "actnorm", "none");
        FlowChecks.alpha(logitAlpha);
        FlowChecks.temperature(temperature);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Vectors of flattened images: 6 couplings of 2 × 1,024 ReLUs with batch normalisation. */
    public static RealNvpConfig mnist() {
        return new RealNvpConfig(6, new int[] {1024, 1024}, "relu", "batchnorm", 0.05, 1.0);
    }

    /** A small model for 2-D toy data: 8 couplings of 2 × 64 ReLUs with batch normalisation. */
    public static RealNvpConfig toy() {
        return new RealNvpConfig(8, new int[] {64, 64}, "relu", "batchnorm", 0.05, 1.0);
    }
}
