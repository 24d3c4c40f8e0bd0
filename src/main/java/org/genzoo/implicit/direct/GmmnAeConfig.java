package org.genzoo.implicit.direct;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link GmmnAe}. What each one means is in its {@link Setting}, which
 * {@code genzoo list gmmnae} prints.
 */
public record GmmnAeConfig(
        @Setting("widths of the encoder's hidden layers (the decoder mirrors them)") int[] aeHidden,
        @Setting("units of the autoencoder's code layer, a sigmoid in [0, 1] as in Li et al.") int code,
        @Setting("nonlinearity of the autoencoder's hidden layers") String aeActivation,
        @Setting("optimiser steps of phase 1 (the autoencoder alone, on reconstruction) before phase 2 (the "
                + "generator in code space); the count is saved in the checkpoint") int aeSteps,
        @Setting("dimension of the generator's input noise z") int noise,
        @Setting("distribution of z: uniform (on [-1, 1]^noise) or gaussian") String noiseDistribution,
        @Setting("widths of the generator's hidden layers (its output is a sigmoid code)") int[] hidden,
        @Setting("nonlinearity of the generator's hidden layers") String activation,
        @Setting("estimator of MMD² in code space: unbiased (Gretton et al. 2012, eq. 3) or biased (eq. 5)")
        String estimator,
        @Setting("minimise the square root of MMD² (Li et al.) rather than MMD² itself") boolean squareRoot,
        @Setting("bandwidths σ of the Gaussian kernels in code space; with bandwidthRule=median, multiples of "
                + "the median distance between codes") double[] bandwidths,
        @Setting("fixed: bandwidths as given; median: times the median distance between the codes of the first "
                + "batch of phase 2, measured once and kept in the checkpoint") String bandwidthRule) {

    /** Validates every field, naming it. */
    public GmmnAeConfig {
        Settings.widths(aeHidden, "aeHidden");
        Settings.widths(hidden, "hidden");
        if (code < 1) {
            throw new UserError("code: expected a positive whole number, got " + code);
        }
        Activation.parse(aeActivation, "aeActivation");
        Activation.parse(activation, "activation");
        if (aeSteps < 0) {
            throw new UserError("aeSteps: expected 0 or more, got " + aeSteps);
        }
        if (noise < 1) {
            throw new UserError("noise: expected a positive whole number, got " + noise);
        }
        if (!"uniform".equals(noiseDistribution) && !"gaussian".equals(noiseDistribution)) {
            throw new UserError("noiseDistribution: expected uniform or gaussian, got '" + noiseDistribution + "'");
        }
        GmmnConfig.checkMmd(estimator, bandwidths, bandwidthRule);
    }

    /**
     * Li et al.'s MNIST GMMN+AE, from their published code: a 784-1024-32 sigmoid autoencoder
     * trained on cross-entropy, then a 10-64-256-256-1024-32 ReLU generator with a sigmoid output,
     * trained on the square root of the biased MMD² with one kernel of bandwidth 1 in code space.
     * Their autoencoder also used dropout (0.2 on the input, 0.5 on the hidden layer) and layer-wise
     * pretraining, which are left out here; phase 1 takes 3,000 steps, as their fine-tuning did.
     */
    public static GmmnAeConfig mnist() {
        return new GmmnAeConfig(new int[] {1024}, 32, "sigmoid", 3000, 10, "uniform",
                new int[] {64, 256, 256, 1024}, "relu", "biased", true, new double[] {1}, "fixed");
    }

    /**
     * For 2-D toy mixtures: a 2-64-64-2 autoencoder with a 2-unit code, then the toy GMMN's
     * generator in code space. The autoencoder squeezes the mixture into [0, 1]², so the
     * bandwidths are set relative to the codes' median distance, from 1/100 of it (about one
     * mode's width) to all of it.
     */
    public static GmmnAeConfig toy() {
        return new GmmnAeConfig(new int[] {64, 64}, 2, "relu", 1000, 10, "uniform", new int[] {128, 128, 128},
                "relu", "biased", true, new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}, "median");
    }
}
