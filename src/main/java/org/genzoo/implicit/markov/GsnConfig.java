package org.genzoo.implicit.markov;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;

/**
 * Hyperparameters of {@link Gsn}. What each one means is in its {@link Setting}, which
 * {@code genzoo list gsn} prints.
 */
public record GsnConfig(
        @Setting("widths of the hidden layers of the reconstruction network x̃ -> P(x | x̃)") int[] hidden,
        @Setting("nonlinearity of the hidden layers: relu, leaky_relu, tanh, softplus, sigmoid or linear")
        String activation,
        @Setting("reconstruction distribution P(x | x̃): bernoulli, gaussian (mean and variance both outputs of the "
                + "network), or auto (Bernoulli for binary and grey data, Gaussian for continuous data)")
        String reconstruction,
        @Setting("corruption C(x̃ | x): gaussian (x̃ = x + noise·ε), salt_and_pepper (each value replaced with "
                + "probability noise by a fair random bit; binary data only), or auto (salt-and-pepper for a Bernoulli "
                + "reconstruction, Gaussian otherwise)") String corruption,
        @Setting("strength of the corruption: the standard deviation of Gaussian corruption, or the probability "
                + "that salt-and-pepper replaces a value") double noise,
        @Setting("walkback steps per training example (Bengio et al. 2013, section 3.3): the chain is run this many "
                + "corrupt/reconstruct steps from the example and every reconstruction is scored against the clean "
                + "example; 1 is the plain denoising criterion") int walkback,
        @Setting("transitions `sample` runs from the initial state when --steps is not given") int sampleSteps) {

    /** Validates every field, naming it. */
    public GsnConfig {
        hidden = Settings.widths(hidden, "hidden");
        Activation.parse(activation, "activation");
        if (!"auto".equals(reconstruction) && !"bernoulli".equals(reconstruction) && !"gaussian".equals(reconstruction)) {
            throw new UserError("reconstruction: expected auto, bernoulli or gaussian, got '" + reconstruction + "'");
        }
        if (!"auto".equals(corruption) && !"gaussian".equals(corruption) && !"salt_and_pepper".equals(corruption)) {
            throw new UserError("corruption: expected auto, gaussian or salt_and_pepper, got '" + corruption + "'");
        }
        if (!(noise > 0) || !Double.isFinite(noise)) {
            throw new UserError("noise: expected a positive number, got " + noise);
        }
        if ("salt_and_pepper".equals(corruption) && noise > 1) {
            throw new UserError("noise: salt_and_pepper takes a probability in (0, 1], got " + noise);
        }
        if (walkback < 1) {
            throw new UserError("walkback: expected a positive whole number, got " + walkback);
        }
        if (sampleSteps < 1) {
            throw new UserError("sampleSteps: expected a positive whole number, got " + sampleSteps);
        }
        hidden = hidden.clone();
    }

    /**
     * For 2-D toy mixtures (ring8, grid25): 2-128-128-4, Gaussian corruption of standard deviation
     * 0.3 and no walkback. Measured on ring8 (docs/benchmarks.md, one seed, 100 epochs): noise 0.5
     * left the reconstruction too wide for any sample to land within 3 std of a mode (2.7 % high
     * quality), 0.3 gave 27.6 %; with noise 0.3, walkback 2 and 3 gave 17.2 % and 11.8 %. A walk
     * that has jumped to another mode asks the one Gaussian to cover both, which widens it
     * everywhere (Ozair et al. 2013 on unimodal transitions), so the toys train the plain
     * denoising criterion.
     */
    public static GsnConfig toy() {
        return new GsnConfig(new int[] {128, 128}, "relu", "auto", "auto", 0.3, 1, 1000);
    }

    /** For short binary vectors (binary-synthetic): 64-64 tanh units, salt-and-pepper noise 0.2. */
    public static GsnConfig binaryVectors() {
        return new GsnConfig(new int[] {64, 64}, "tanh", "auto", "auto", 0.2, 3, 1000);
    }

    /** For 28×28 images: 1000-1000 tanh units, salt-and-pepper noise 0.4, Bernoulli reconstruction. */
    public static GsnConfig mnist() {
        return new GsnConfig(new int[] {1000, 1000}, "tanh", "auto", "auto", 0.4, 3, 100);
    }
}
