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
 * Sampling: one inverse pass.
 *
 * <p>Images ({@code features > 0}) get the paper's multi-scale architecture ({@link #multiScale}):
 * checkerboard and channel-wise masks, squeezing ({@link Squeeze}), factoring out half the
 * channels at each scale ({@link FactorOut}), and residual convolutional coupling networks
 * ({@link ConvConditioner}); vectors get MLP couplings.
 */
public final class RealNvp extends Flow<RealNvpConfig> {

    /** Builds the layers with fresh parameters from the engine's generator. */
    public RealNvp(RealNvpConfig config, DataSpec data, NDManager parent) {
        super("realnvp", config, data, parent, new StandardNormal(), p -> layers(config, data, p), convolutional(config, data),
                config.temperature());
    }

    private static boolean convolutional(RealNvpConfig config, DataSpec data) {
        return data.isImage() && config.features() > 0;
    }

    private static Bijection layers(RealNvpConfig config, DataSpec data, Params p) {
        List<Bijection> parts = new ArrayList<>();
        if (data.kind() == DataKind.GREY) {
            parts.add(new Logit(config.logitAlpha()));
        }
        if (convolutional(config, data)) {
            parts.add(multiScale(config, eventShape(data, true), p, "scale0"));
            return new Composite(parts);
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

    /**
     * The multi-scale architecture (section 3.6) for {@code (c, h, w)} examples: while the image
     * can be halved (even sides of at least 4), three checkerboard couplings, a squeeze, three
     * channel-wise couplings, then half the channels are factored out and the rest recurses at
     * the next scale; at the last scale, four checkerboard couplings. The squeeze is undone at
     * the end of each scale so every scale keeps its input's shape (a permutation of z, which
     * the factorised prior does not see).
     */
    static Bijection multiScale(RealNvpConfig cfg, Shape event, Params p, String name) {
        List<Bijection> parts = new ArrayList<>();
        int c = (int) event.get(0);
        long h = event.get(1);
        long w = event.get(2);
        boolean last = h % 2 != 0 || w % 2 != 0 || h < 4 || w < 4;
        for (int k = 0; k < (last ? 4 : 3); k++) {
            coupling(cfg, p, name + ".checker" + k, Masks.checkerboard(p, event, k % 2), c, event, parts);
        }
        if (last) {
            return new Composite(parts);
        }
        parts.add(new Squeeze());
        Shape squeezed = new Shape(4L * c, h / 2, w / 2);
        for (int k = 0; k < 3; k++) {
            coupling(cfg, p, name + ".channel" + k, Masks.channels(p, squeezed, k % 2), 4 * c, squeezed, parts);
        }
        parts.add(new FactorOut(multiScale(cfg, new Shape(2L * c, h / 2, w / 2), p, name + ".next")));
        parts.add(new Inverted(new Squeeze()));
        return new Composite(parts);
    }

    /** An affine coupling with a residual convolutional network, then the normalisation. */
    private static void coupling(RealNvpConfig cfg, Params p, String name, ai.djl.ndarray.NDArray mask, int c,
            Shape event, List<Bijection> parts) {
        parts.add(new AffineCoupling(p, name, mask, new ConvConditioner(p, name + ".net", c, cfg.features(),
                cfg.blocks(), 2)));
        switch (cfg.normalisation()) {
            case "batchnorm" -> parts.add(new BatchNormBijection(p, name + ".norm", event));
            case "actnorm" -> parts.add(new ActNorm(p, name + ".norm", event));
            default -> { }
        }
    }
}
