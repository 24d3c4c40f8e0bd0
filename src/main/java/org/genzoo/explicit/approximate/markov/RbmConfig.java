package org.genzoo.explicit.approximate.markov;

import org.genzoo.core.Setting;

/**
 * Hyperparameters of {@link Rbm}. What each one means is in its {@link Setting}, which
 * {@code genzoo list rbm} prints. The learning rate and momentum are the run's SGD settings
 * ({@code --set lr=…}, {@code --set beta1=…}).
 */
public record RbmConfig(
        @Setting("number of binary hidden units") int hidden,
        @Setting("Gibbs steps of the negative phase: CD-k (Hinton 2002), or per update of the persistent chains")
        int cd,
        @Setting("true: persistent contrastive divergence (Tieleman 2008), the negative chains carry over between "
                + "updates and are saved in checkpoints; false: CD-k chains start at the data") boolean persistent,
        @Setting("number of persistent chains (PCD only)") int chains,
        @Setting("L2 weight decay on the weights, not the biases (Hinton 2010, section 10: 1e-4 to 1e-2)")
        double weightDecay,
        @Setting("standard deviation of the initial weights (Hinton 2010, section 8: 0.01)") double initStd,
        @Setting("Gibbs steps `sample` runs from random binary states when --steps is not given") int sampleSteps) {

    /** Validates every field, naming it. */
    public RbmConfig {
        RbmBase.checkSettings(hidden, cd, chains, weightDecay, initStd, sampleSteps);
    }

    /** Salakhutdinov and Murray's (2008) MNIST model: 500 hidden units, CD-1. */
    public static RbmConfig mnist() {
        return new RbmConfig(500, 1, false, 100, 2e-4, 0.01, 1000);
    }

    /** A small model for short binary vectors (binary-synthetic, tests). */
    public static RbmConfig toy() {
        return new RbmConfig(16, 1, false, 100, 1e-4, 0.01, 1000);
    }

    /** A copy with another number of hidden units. */
    public RbmConfig withHidden(int h) {
        return new RbmConfig(h, cd, persistent, chains, weightDecay, initStd, sampleSteps);
    }

    /** A copy trained by PCD with {@code chains} persistent chains and {@code k} steps per update. */
    public RbmConfig persistent(int k, int nChains) {
        return new RbmConfig(hidden, k, true, nChains, weightDecay, initStd, sampleSteps);
    }
}
