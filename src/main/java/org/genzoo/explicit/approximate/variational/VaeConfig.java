package org.genzoo.explicit.approximate.variational;

import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Vae}. What each one means is in its {@link Setting}, which
 * {@code genzoo list vae} prints.
 */
public record VaeConfig(
        @Setting("widths of the encoder's hidden layers, e.g. 500,500") int[] encoderHidden,
        @Setting("widths of the decoder's hidden layers (empty: a linear decoder)") int[] decoderHidden,
        @Setting("dimension of the latent code z") int latent,
        @Setting("nonlinearity of the hidden layers: relu, leaky_relu, tanh, softplus, sigmoid or linear")
        String activation,
        @Setting("likelihood of the decoder: bernoulli, gaussian, or auto (Bernoulli for binary data, "
                + "Gaussian otherwise)") String decoder,
        @Setting("importance samples in the training objective: 1 trains the ELBO, more the IWAE bound "
                + "(Burda et al. 2015)") int trainK) {

    /** Validates every field, naming it. */
    public VaeConfig {
        if (encoderHidden == null || decoderHidden == null) {
            throw new UserError("encoderHidden/decoderHidden: expected lists of widths");
        }
        Settings.widths(encoderHidden, "encoderHidden");
        Settings.widths(decoderHidden, "decoderHidden");
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
