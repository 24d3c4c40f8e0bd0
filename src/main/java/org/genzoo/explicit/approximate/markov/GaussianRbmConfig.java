package org.genzoo.explicit.approximate.markov;

import org.genzoo.core.Setting;

/**
 * Hyperparameters of {@link GaussianRbm}. What each one means is in its {@link Setting}, which
 * {@code genzoo list grbm} prints. The learning rate and momentum are the run's SGD settings.
 */
public record GaussianRbmConfig(
        @Setting("number of binary hidden units") int hidden,
        @Setting("Gibbs steps of the negative phase: CD-k (Hinton 2002), or per update of the persistent chains")
        int cd,
        @Setting("true: persistent contrastive divergence (Tieleman 2008), chains saved in checkpoints; "
                + "false: CD-k chains start at the data") boolean persistent,
        @Setting("number of persistent chains (PCD only)") int chains,
        @Setting("L2 weight decay on the weights, not the biases") double weightDecay,
        @Setting("standard deviation of the initial weights") double initStd,
        @Setting("true: learn each visible unit's standard deviation sigma_i (Krizhevsky 2009; Cho et al. 2011); "
                + "false: keep sigma_i = 1 (Hinton 2010, section 13.2, for standardised data)") boolean learnSigma,
        @Setting("Gibbs steps `sample` runs when --steps is not given") int sampleSteps) {

    /** Validates every field, naming it. */
    public GaussianRbmConfig {
        RbmBase.checkSettings(hidden, cd, chains, weightDecay, initStd, sampleSteps);
    }

    /** For the 2-D toys: 16 hidden units (so Z is exact by enumerating 65,536 states), PCD, learned sigma. */
    public static GaussianRbmConfig toy() {
        return new GaussianRbmConfig(16, 1, true, 256, 0, 0.1, true, 1000);
    }

    /** For images seen as grey levels: 500 hidden units, CD-1, learned sigma. */
    public static GaussianRbmConfig images() {
        return new GaussianRbmConfig(500, 1, false, 100, 2e-4, 0.01, true, 1000);
    }
}
