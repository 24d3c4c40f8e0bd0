package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.nn.Activation;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * NICE: Dinh, Krueger and Bengio, "NICE: Non-linear Independent Components Estimation" (2014).
 *
 * <p>Model: {@code z = S ∘ c_K ∘ … ∘ c_1(x)} with additive coupling layers
 * {@code c_k(x) = x + (1 - m_k) ⊙ t_k(m_k ⊙ x)} ({@link AdditiveCoupling}, eq. 5) whose
 * partitions alternate (odd and even indices), and a final diagonal scaling
 * {@code S(h) = h ⊙ exp(s)} ({@link Scaling}, section 3.3); prior: the standard logistic
 * ({@link StandardLogistic}, section 3.4). Grey images are first mapped by the logit transform
 * ({@link Logit}) so the flow's input is unbounded.
 *
 * <p>Likelihood: exact, {@code log p(x) = Σ_i log p_logistic(z_i) + Σ_i s_i} (eq. 7; the
 * couplings have unit Jacobian determinant), plus the logit's Jacobian on images. Sampling: one
 * inverse pass.
 */
public final class Nice extends Flow<NiceConfig> {

    /** Builds the layers with fresh parameters from the engine's generator. */
    public Nice(NiceConfig config, DataSpec data, NDManager parent) {
        super("nice", config, data, parent, BaseDistribution.parse(config.prior(), "prior"),
                p -> {
                    List<Bijection> parts = new ArrayList<>();
                    if (data.kind() == DataKind.GREY) {
                        parts.add(new Logit(config.logitAlpha()));
                    }
                    Activation act = Activation.parse(config.activation(), "activation");
                    int d = data.dim();
                    for (int k = 0; k < config.couplings(); k++) {
                        parts.add(new AdditiveCoupling(Masks.alternating(p, d, k % 2),
                                new MlpConditioner(p, "coupling." + k, d, config.hidden(), act, 1)));
                    }
                    parts.add(new Scaling(p, "scaling", eventShape(data, false)));
                    return new Composite(parts);
                }, false, config.temperature());
    }
}
