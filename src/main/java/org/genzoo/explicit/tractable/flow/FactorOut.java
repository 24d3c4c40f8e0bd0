package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * RealNVP's multi-scale factoring out (Dinh, Sohl-Dickstein &amp; Bengio 2016, section 3.6, eq.
 * 14): the first half of the channels leaves the flow here, {@code z_i = h_i^{(1)}}, and only the
 * second half goes through the rest, {@code h^{(2)} → f_rest(h^{(2)})}. Written as a bijection
 * that is the identity on the first half, so the factored-out values reach the prior in place:
 * {@code log |det J| = log |det ∂f_rest|}. The rest must keep its input's shape (a squeeze inside
 * it is undone by an {@link Inverted} squeeze at its end).
 */
public final class FactorOut implements Bijection {
    private final Bijection rest;

    /** @param rest applied to the second half of the channels */
    public FactorOut(Bijection rest) {
        this.rest = rest;
    }

    private static NDArray[] halves(NDArray x) {
        long c = x.getShape().get(1);
        return new NDArray[] {x.get(new NDIndex(":, 0:{}", c / 2)), x.get(new NDIndex(":, {}:", c / 2))};
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray[] h = halves(x);
        Result r = rest.forward(h[1], training);
        return new Result(h[0].concat(r.value(), 1), r.logDet());
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray[] h = halves(y);
        Result r = rest.inverse(h[1]);
        return new Result(h[0].concat(r.value(), 1), r.logDet());
    }

    @Override
    public boolean needsInit() {
        return rest.needsInit();
    }

    @Override
    public NDArray initialize(NDArray x) {
        NDArray[] h = halves(x);
        return h[0].concat(rest.initialize(h[1]), 1);
    }
}
