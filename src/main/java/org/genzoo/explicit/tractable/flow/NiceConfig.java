package org.genzoo.explicit.tractable.flow;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link Nice}. What each one means is in its {@link Setting}, which
 * {@code genzoo list nice} prints.
 *
 * @param couplings number of additive coupling layers (partitions alternate between them)
 * @param hidden widths of each coupling network's hidden layers
 * @param activation their nonlinearity
 * @param prior {@code logistic} (the paper's) or {@code normal}
 * @param logitAlpha α of the logit transform applied first to grey images (ignored for real data)
 * @param temperature default sampling temperature (1: the model itself)
 */
public record NiceConfig(
        @Setting("number of additive coupling layers; the partition alternates between them") int couplings,
        @Setting("widths of each coupling network's hidden layers, e.g. 1000,1000") int[] hidden,
        @Setting(FlowChecks.ACTIVATION) String activation,
        @Setting("base distribution: logistic (the paper's) or normal") String prior,
        @Setting(FlowChecks.LOGIT_ALPHA) double logitAlpha,
        @Setting(FlowChecks.TEMPERATURE) double temperature) {

    /** Validates every field, naming it. */
    public NiceConfig {
        FlowChecks.positive(couplings, "couplings");
        hidden = Settings.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        BaseDistribution.parse(prior, "prior");
        FlowChecks.alpha(logitAlpha);
        FlowChecks.temperature(temperature);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The paper's MNIST model (section 5.1): 4 couplings, 5 hidden layers of 1,000 ReLUs, logistic prior. */
    public static NiceConfig mnist() {
        return new NiceConfig(4, new int[] {1000, 1000, 1000, 1000, 1000}, "relu", "logistic", 0.05, 1.0);
    }

    /** A small model for 2-D toy data: 6 couplings of 2 × 64 ReLUs. */
    public static NiceConfig toy() {
        return new NiceConfig(6, new int[] {64, 64}, "relu", "logistic", 0.05, 1.0);
    }
}
