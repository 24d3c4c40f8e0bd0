package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * NICE's final diagonal scaling layer (Dinh, Krueger &amp; Bengio 2014, section 3.3):
 * {@code y = x ⊙ exp(s)} with one learned log-scale per value, so
 * {@code log |det J| = Σ_i s_i}. It lets an otherwise volume-preserving flow weight its
 * dimensions (the paper's {@code S_ii}, parametrised here by its logarithm so it stays positive).
 */
public final class Scaling implements Bijection {
    private final NDArray logScale;

    /**
     * @param name prefix of the parameter name ({@code name.s})
     * @param event the shape of one example
     */
    public Scaling(Params params, String name, Shape event) {
        this.logScale = params.create(name + ".s", event, Init.zeros());
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray s = Flows.borrow(x.getManager(), logScale);
        return new Result(x.mul(s.exp()), Flows.perExample(x, s.sum()));
    }

    @Override
    public Result inverse(NDArray y) {
        NDArray s = Flows.borrow(y.getManager(), logScale);
        return new Result(y.mul(s.neg().exp()), Flows.perExample(y, s.sum().neg()));
    }
}
