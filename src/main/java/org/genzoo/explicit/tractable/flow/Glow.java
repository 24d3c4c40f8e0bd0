package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Activation;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * A Glow-style flow: Kingma and Dhariwal, "Glow: Generative Flow with Invertible 1x1
 * Convolutions" (2018), its flow step on vectors.
 *
 * <p>Model: K steps, each {@code ActNorm → invertible linear map → affine coupling} (their
 * figure 2a and table 1): {@link ActNorm} with data-dependent initialisation, the LU-decomposed
 * invertible 1×1 convolution ({@link InvertibleLinear}; on vectors it is an invertible linear
 * layer), and an affine coupling ({@link AffineCoupling}) that keeps the first half and
 * transforms the second (the learned linear map replaces fixed alternation). Prior: the
 * standard normal; samples can be drawn at a temperature T ({@code z ~ N(0, T² I)}, section 5.3).
 * Grey images are first mapped by the logit transform ({@link Logit}).
 *
 * <p>Likelihood: exact, {@code log p(x) = log N(z; 0, I) + Σ_k (Σ s^{act}_k + Σ log|s^{LU}_k| + Σ s^{cpl}_k)}.
 * Glow's multi-scale convolutional architecture is not in genzoo yet.
 */
public final class Glow extends Flow<GlowConfig> {

    /** Builds the layers with fresh parameters from the engine's generator. */
    public Glow(GlowConfig config, DataSpec data, NDManager parent) {
        super("glow", config, data, parent, new StandardNormal(), p -> layers(config, data, p), false,
                config.temperature());
    }

    private static Bijection layers(GlowConfig config, DataSpec data, Params p) {
        List<Bijection> parts = new ArrayList<>();
        if (data.kind() == DataKind.GREY) {
            parts.add(new Logit(config.logitAlpha()));
        }
        Activation act = Activation.parse(config.activation(), "activation");
        int d = data.dim();
        Shape event = eventShape(data, false);
        for (int k = 0; k < config.steps(); k++) {
            parts.add(new ActNorm(p, "step." + k + ".actnorm", event));
            parts.add(new InvertibleLinear(p, "step." + k + ".linear", event));
            parts.add(new AffineCoupling(p, "step." + k + ".coupling", Masks.firstHalf(p, d),
                    new MlpConditioner(p, "step." + k + ".coupling.net", d, config.hidden(), act, 2)));
        }
        return new Composite(parts);
    }
}
