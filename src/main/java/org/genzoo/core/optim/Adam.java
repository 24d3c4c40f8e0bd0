package org.genzoo.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.genzoo.core.nn.Scalars;

/**
 * Adam (Kingma and Ba 2015, algorithm 1), in place:
 * {@code m ← β1 m + (1-β1) g; v ← β2 v + (1-β2) g²;
 * θ ← θ - α (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)}.
 */
final class Adam extends Optimizer {
    private final OptimizerSpec spec;

    Adam(OptimizerSpec spec) {
        this.spec = spec;
    }

    @Override
    protected void update(NDArray p, NDArray g, NDManager scratch) {
        float b1 = (float) spec.beta1();
        float b2 = (float) spec.beta2();
        NDArray m = slot(p, "m");
        NDArray v = slot(p, "v");
        double c1 = 1 - Math.pow(spec.beta1(), steps);
        double c2 = 1 - Math.pow(spec.beta2(), steps);
        // Scalars are made in scratch: a scalar op on a state array would allocate the scalar in
        // the state's manager and leak one handle per step.
        m.muli(scratch.create(b1)).addi(Scalars.times(g, 1 - b1));
        v.muli(scratch.create(b2)).addi(Scalars.timesInPlace(g.square(), 1 - b2));
        NDArray denom = v.sqrt(); // lives in v's manager until attached
        denom.attach(scratch);
        Scalars.timesInPlace(denom, (float) (1 / Math.sqrt(c2))).addi((float) spec.eps());
        NDArray step = m.div(denom);
        step.attach(scratch);
        Scalars.timesInPlace(step, (float) (spec.lr() * lrScale / c1));
        p.subi(step);
    }
}
