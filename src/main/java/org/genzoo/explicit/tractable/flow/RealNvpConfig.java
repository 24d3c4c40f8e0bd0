package org.genzoo.explicit.tractable.flow;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link RealNvp}. What each one means is in its {@link Setting}, which
 * {@code genzoo list realnvp} prints.
 *
 * @param couplings vectors: number of affine coupling layers (partitions alternate between them)
 * @param hidden vectors: widths of each coupling network's hidden layers
 * @param activation their nonlinearity
 * @param normalisation between couplings: {@code batchnorm} (the paper's, section 3.7),
 *     {@code actnorm} (Glow's) or {@code none}
 * @param features images: feature maps of the residual convolutional coupling networks of the
 *     multi-scale architecture; 0 sees images as flattened vectors with MLP couplings
 * @param blocks images: residual blocks per coupling network
 * @param logitAlpha α of the logit transform applied first to grey images (ignored for real data)
 * @param temperature default sampling temperature (1: the model itself)
 */
public record RealNvpConfig(
        @Setting("vectors: number of affine coupling layers; the partition alternates between them") int couplings,
        @Setting("vectors: widths of each coupling network's hidden layers") int[] hidden,
        @Setting(FlowChecks.ACTIVATION) String activation,
        @Setting("normalisation between couplings: batchnorm (the paper's), actnorm (Glow's) or none")
        String normalisation,
        @Setting("images: feature maps of the residual convolutional coupling networks of the multi-scale "
                + "architecture; 0 treats images as flat vectors with MLP couplings") int features,
        @Setting("images: residual blocks per coupling network") int blocks,
        @Setting(FlowChecks.LOGIT_ALPHA) double logitAlpha,
        @Setting(FlowChecks.TEMPERATURE) double temperature) {

    /** Validates every field, naming it. */
    public RealNvpConfig {
        FlowChecks.positive(couplings, "couplings");
        hidden = Settings.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        FlowChecks.oneOf(normalisation, "normalisation", "batchnorm", "actnorm", "none");
        if (features < 0 || blocks < 0) {
            throw new UserError("features, blocks: expected 0 or more, got " + features + ", " + blocks);
        }
        FlowChecks.alpha(logitAlpha);
        FlowChecks.temperature(temperature);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * Images: the multi-scale architecture with residual convolutional couplings of 32 feature
     * maps and 2 residual blocks (the paper used 64 maps and 8 blocks on CIFAR-10; this is sized
     * for a CPU), ActNorm between couplings. Not the paper's batch normalisation, which
     * {@code --set normalisation=batchnorm} brings back: its running averages, used in validation,
     * lag the fast-changing early network, and two short MNIST runs of 15 and 30 steps were stopped
     * as diverged at their first validation (297,212 and 89,255 nats), where two 30-step runs with
     * ActNorm validated at -1,376 and -1,272 nats; the MNIST benchmark in docs/benchmarks.md uses
     * ActNorm.
     */
    public static RealNvpConfig mnist() {
        return new RealNvpConfig(6, new int[] {1024, 1024}, "relu", "actnorm", 32, 2, 0.05, 1.0);
    }

    /**
     * A model for 2-D toy data: 12 couplings of 2 × 128 ReLUs with ActNorm between them. On ring8
     * (seed 0) 12 couplings had the better validation NLL than 8 at every epoch from the 6th to
     * the 19th, where that trial stopped, and 8 couplings of 2 × 128 ended 40 epochs at -0.92 to
     * -1.30 nats against -0.48 for the previous 8 of 2 × 64 (docs/benchmarks.md, issue 8).
     * ActNorm rather than the paper's batch normalisation: {@code --set normalisation=batchnorm}
     * brings that back.
     */
    public static RealNvpConfig toy() {
        return new RealNvpConfig(12, new int[] {128, 128}, "relu", "actnorm", 0, 0, 0.05, 1.0);
    }
}
