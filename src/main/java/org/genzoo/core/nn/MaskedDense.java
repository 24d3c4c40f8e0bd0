package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * A fully connected layer whose weight is multiplied by a 0/1 mask, {@code y = x (W ⊙ M)ᵀ + b},
 * W and M of shape (out, in): the building block of MADE (Germain et al. 2015, eq. 10). The
 * mask is not a parameter: the caller owns it (and may switch masks from step to step), so the
 * optimiser never touches it. Gradients of W are exactly zero where the mask is zero.
 */
public final class MaskedDense {
    private final NDArray weight;
    private final NDArray bias;

    /**
     * Creates {@code name.w} (Glorot uniform) and {@code name.b} (zeros) in {@code params}.
     *
     * @param in input width
     * @param out output width
     */
    public MaskedDense(Params params, String name, int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(name + ": widths must be positive, got " + in + " -> " + out);
        }
        this.weight = params.create(name + ".w", new Shape(out, in), Init.glorotUniform());
        this.bias = params.create(name + ".b", new Shape(out), Init.zeros());
    }

    /**
     * The layer applied to an {@code (n, in)} batch; the result lives in {@code x}'s manager.
     *
     * @param mask an {@code (out, in)} 0/1 array, or null for no mask
     */
    public NDArray forward(NDArray x, NDArray mask) {
        NDArray w = weight;
        if (mask != null) {
            w = weight.mul(mask);
            w.attach(x.getManager()); // made in the weight's manager; the step's manager frees it
        }
        return Linear.linear(x, w, bias).singletonOrThrow();
    }

    /** The raw weight, (out, in). */
    public NDArray weight() {
        return weight;
    }

    /** Input width. */
    public int in() {
        return (int) weight.getShape().get(1);
    }

    /** Output width. */
    public int out() {
        return (int) weight.getShape().get(0);
    }
}
