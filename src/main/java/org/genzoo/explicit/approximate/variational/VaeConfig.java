package org.genzoo.explicit.approximate.variational;

import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Vae}.
 *
 * @param encoderHidden widths of the encoder's hidden layers
 * @param decoderHidden widths of the decoder's hidden layers (none: a linear decoder)
 * @param latent dimension of z
 * @param activation nonlinearity of the hidden layers
 * @param decoder {@code bernoulli}, {@code gaussian}, or {@code auto} (Bernoulli for binary data)
 * @param trainK importance samples in the training objective: 1 trains the ELBO, more the IWAE
 *     bound of Burda et al. (2015)
 */
public record VaeConfig(int[] encoderHidden, int[] decoderHidden, int latent, String activation, String decoder,
        int trainK) {

    /** Validates every field, naming it. */
    public VaeConfig {
        if (encoderHidden == null || decoderHidden == null) {
            throw new UserError("encoderHidden/decoderHidden: expected lists of widths");
        }
        for (int w : encoderHidden) {
            if (w < 1) {
                throw new UserError("encoderHidden: widths must be positive, got " + w);
            }
        }
        for (int w : decoderHidden) {
            if (w < 1) {
                throw new UserError("decoderHidden: widths must be positive, got " + w);
            }
        }
        if (latent < 1) {
            throw new UserError("latent: expected a positive whole number, got " + latent);
        }
        if (!"auto".equals(decoder) && !"bernoulli".equals(decoder) && !"gaussian".equals(decoder)) {
            throw new UserError("decoder: expected auto, bernoulli or gaussian, got '" + decoder + "'");
        }
        if (trainK < 1) {
            throw new UserError("trainK: expected a positive whole number, got " + trainK);
        }
        org.genzoo.core.nn.Activation.parse(activation, "activation");
    }

    /** Burda et al.'s one-stochastic-layer MNIST model, widened to 500 units: 784-500-500-50. */
    public static VaeConfig mnist() {
        return new VaeConfig(new int[] {500, 500}, new int[] {500, 500}, 50, "tanh", "auto", 1);
    }

    /** A small model for 2-D toy data. */
    public static VaeConfig toy() {
        return new VaeConfig(new int[] {128, 128}, new int[] {128, 128}, 2, "relu", "auto", 1);
    }
}
