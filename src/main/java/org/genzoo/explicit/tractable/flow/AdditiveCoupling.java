package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;

/**
 * NICE's additive coupling layer (Dinh, Krueger &amp; Bengio 2014, section 3.2, eq. 5): with a
 * binary mask m that selects the unchanged part, {@code y = x + (1 - m) ⊙ t(m ⊙ x)}. Its Jacobian
 * is triangular with a unit diagonal, so {@code log |det J| = 0} (volume preserving), and the
 * inverse is {@code x = y - (1 - m) ⊙ t(m ⊙ y)}, since {@code m ⊙ y = m ⊙ x}.
 */
public final class AdditiveCoupling implements Bijection {
    private final NDArray mask;
    private final NDArray rest;
    private final Conditioner net;

    /**
     * @param mask 0/1, shaped like one example (it broadcasts over the batch); 1 marks the part
     *     passed through unchanged
     * @param net maps the masked input to a shift shaped like the input
     */
    public AdditiveCoupling(NDArray mask, Conditioner net) {
        this.mask = mask;
        this.rest = mask.neg().add(1f);
        this.net = net;
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray shift = net.apply(x.mul(mask)).mul(rest);
        return new Result(x.add(shift), Flows.zeroLogDet(x));
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray shift = net.apply(y.mul(mask)).mul(rest);
        return new Result(y.sub(shift), Flows.zeroLogDet(y));
    }
}
