package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;

/** A bijection run backwards: its inverse as the forward map (an unsqueeze, say). */
public final class Inverted implements Bijection {
    private final Bijection inner;

    /** @param inner the bijection to reverse */
    public Inverted(Bijection inner) {
        this.inner = inner;
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        return inner.inverse(x);
    }

    @Override
    public Result inverse(NDArray y) {
        return inner.forward(y);
    }
}
