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
 * RealNVP: Dinh, Sohl-Dickstein and Bengio, "Density estimation using Real NVP" (2016), with
 * MLP coupling networks on vectors.
 *
 * <p>Model: {@code z = c_K ∘ n_{K-1} ∘ … ∘ n_1 ∘ c_1(x)}: affine coupling layers
 * {@code y = b ⊙ x + (1 - b) ⊙ (x ⊙ exp(s(b ⊙ x)) + t(b ⊙ x))} ({@link AffineCoupling}, eqs.
 * 7–9) with alternating partitions and a bounded log-scale, normalised between couplings by
 * batch normalisation ({@link BatchNormBijection}, section 3.7) or ActNorm; prior: the standard
 * normal. Grey images are first mapped by the logit transform ({@link Logit}, section 4.1).
 *
 * <p>Likelihood: exact, {@code log p(x) = log N(z; 0, I) + Σ_k Σ (1 - b_k) ⊙ s_k + Σ log|det n_k|}.
 * Sampling: one inverse pass. The paper's convolutional multi-scale architecture for images
 * (squeeze, checkerboard and channel masks, factoring out) is not in genzoo yet: images are seen
 * here as flattened vectors.
 */
public final class RealNvp extends Flow<RealNvpConfig> {

    /** Builds the layers with fresh parameters from the engine's generator. */
    public RealNvp(RealNvpConfig config, DataSpec data, NDManager parent) {
        super("realnvp", config, data, parent, new StandardNormal(), p -> layers(config, data, p), false,
                config.temperature());
    }

    private static Bijection layers(RealNvpConfig config, DataSpec data, Params p) {
        List<Bijection> parts = new ArrayList<>();
        if (data.kind() == DataKind.GREY) {
            parts.add(new Logit(config.logitAlpha()));
        }
        Activation act = Activation.parse(config.activation(), "activation");
        int d = data.dim();
        Shape event = eventShape(data, false);
        for (int k = 0; k < config.couplings(); k++) {
            parts.add(new AffineCoupling(p, "coupling." + k, Masks.alternating(p, d, k % 2),
                    new MlpConditioner(p, "coupling." + k + ".net", d, config.hidden(), act, 2)));
            if (k + 1 < config.couplings()) {
                switch (config.normalisation()) {
                    case "batchnorm" -> parts.add(new BatchNormBijection(p, "norm." + k, event));
                    case "actnorm" -> parts.add(new ActNorm(p, "norm." + k, event));
                    default -> { }
                }
            }
        }
        return new Composite(parts);
    }
}
