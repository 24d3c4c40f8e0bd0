package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * RealNVP's affine coupling layer (Dinh, Sohl-Dickstein &amp; Bengio 2016, section 3.3, eqs. 7–9):
 * with a binary mask b selecting the unchanged part,
 * {@code y = b ⊙ x + (1 - b) ⊙ (x ⊙ exp(s(b ⊙ x)) + t(b ⊙ x))}. The Jacobian is triangular with
 * diagonal {@code exp(s)} on the changed part, so {@code log |det J| = Σ (1 - b) ⊙ s}; the
 * inverse is {@code x = b ⊙ y + (1 - b) ⊙ (y - t(b ⊙ y)) ⊙ exp(-s(b ⊙ y))}.
 *
 * <p>The log-scale is bounded as in RealNVP's code: {@code s = γ ⊙ tanh(s_raw)} with a learned
 * per-feature (per-channel for images) scale γ, so one step can neither explode nor vanish.
 * The same layer serves vectors (MLP conditioner) and images (convolutional conditioner), and
 * Glow's coupling (Kingma &amp; Dhariwal 2018, table 1) is this layer with a half/half mask.
 */
public final class AffineCoupling implements Bijection {
    private final NDArray mask;
    private final NDArray rest;
    private final Conditioner net;
    private final NDArray gamma;

    /**
     * @param name prefix of the parameter names ({@code name.gamma})
     * @param mask 0/1, shaped like one example; 1 marks the part passed through unchanged
     * @param net maps the masked input to {@code (s_raw, t)} stacked on the feature (channel) axis
     */
    public AffineCoupling(Params params, String name, NDArray mask, Conditioner net) {
        this.mask = mask;
        this.rest = mask.neg().add(1f);
        this.net = net;
        this.gamma = params.create(name + ".gamma", Flows.perChannel(mask.getShape()), Init.constant(1f));
    }

    /** {@code (s, t)}, zero on the unchanged part, from the unchanged part of {@code x}. */
    private NDArray[] scaleAndShift(NDArray x) {
        NDList st = net.apply(x.mul(mask)).split(2, 1);
        NDArray s = st.get(0).tanh().mul(Flows.borrow(x.getManager(), gamma)).mul(rest);
        NDArray t = st.get(1).mul(rest);
        return new NDArray[] {s, t};
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray[] st = scaleAndShift(x);
        return new Result(x.mul(st[0].exp()).add(st[1]), Flows.sumPerExample(st[0]));
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray[] st = scaleAndShift(y);
        return new Result(y.sub(st[1]).mul(st[0].neg().exp()), Flows.sumPerExample(st[0]).neg());
    }

    /** The shape of the per-feature scale γ, for tests. */
    Shape gammaShape() {
        return gamma.getShape();
    }
}
