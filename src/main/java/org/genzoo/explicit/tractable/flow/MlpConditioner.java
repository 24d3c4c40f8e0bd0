package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Mlp;

/**
 * A coupling network for vectors: an MLP from the {@code d} masked inputs to {@code k · d}
 * outputs ({@code k = 1} for an additive coupling's shift, {@code 2} for an affine coupling's
 * log-scale and shift). The masked inputs are zeros, so their weights get no gradient; genzoo
 * keeps full-width layers rather than gathering the halves because it makes every partition
 * (alternating, random) one and the same code.
 */
public final class MlpConditioner implements Conditioner {
    private final Mlp mlp;

    /**
     * @param name prefix of the parameter names
     * @param dim the input width d
     * @param hidden hidden widths
     * @param outputs k: the output has {@code k · d} values
     */
    public MlpConditioner(Params params, String name, int dim, int[] hidden, Activation act, int outputs) {
        this.mlp = new Mlp(params, name, Mlp.widths(dim, hidden, outputs * dim), act);
    }

    @Override
    public NDArray apply(NDArray masked) {
        return mlp.forward(masked);
    }
}
