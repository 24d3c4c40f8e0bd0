package org.genzoo.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.genzoo.core.nn.Scalars;

/** Stochastic gradient descent with heavy-ball momentum: {@code b ← μ b + g; θ ← θ - η b}. */
final class Sgd extends Optimizer {
    private final OptimizerSpec spec;

    Sgd(OptimizerSpec spec) {
        this.spec = spec;
    }

    @Override
    protected void update(NDArray p, NDArray g, NDManager scratch) {
        if (spec.beta1() == 0) {
            p.subi(Scalars.times(g, (float) (spec.lr() * lrScale)));
            return;
        }
        NDArray b = slot(p, "momentum");
        b.muli(scratch.create((float) spec.beta1())).addi(g);
        NDArray step = b.mul(scratch.create((float) (spec.lr() * lrScale)));
        step.attach(scratch);
        p.subi(step);
    }
}
