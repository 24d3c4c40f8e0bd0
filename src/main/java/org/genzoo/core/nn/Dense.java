package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/** A fully connected layer {@code y = x Wᵀ + b}, with W of shape (out, in). */
public final class Dense {
    private final NDArray weight;
    private final NDArray bias;

    /**
     * Creates {@code name.w} (Glorot uniform) and {@code name.b} (zeros) in {@code params}.
     *
     * @param in input width
     * @param out output width
     */
    public Dense(Params params, String name, int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(name + ": widths must be positive, got " + in + " -> " + out);
        }
        this.weight = params.create(name + ".w", new Shape(out, in), Init.glorotUniform());
        this.bias = params.create(name + ".b", new Shape(out), Init.zeros());
    }

    /** The layer applied to an {@code (n, in)} batch; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** The weight matrix W, shape (out, in). */
    public NDArray weight() {
        return weight;
    }

    /** Output width. */
    public int out() {
        return (int) weight.getShape().get(0);
    }
}
