package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Params;

/** The binary masks of coupling layers: 1 marks the values a coupling passes through unchanged. */
public final class Masks {
    private Masks() {}

    /**
     * Alternating partition of a vector by index parity, NICE's choice (Dinh et al. 2014,
     * section 5.1): {@code m_i = (i + parity) mod 2}; parities 0 and 1 alternate between layers
     * so every value is transformed.
     */
    public static NDArray alternating(Params params, int dim, int parity) {
        float[] m = new float[dim];
        for (int i = 0; i < dim; i++) {
            m[i] = (i + parity) % 2;
        }
        return Flows.constant(params, m, new Shape(dim));
    }

    /** The first half of a vector unchanged: Glow's split (the invertible linear layers mix the halves). */
    public static NDArray firstHalf(Params params, int dim) {
        float[] m = new float[dim];
        for (int i = 0; i < dim / 2; i++) {
            m[i] = 1;
        }
        return Flows.constant(params, m, new Shape(dim));
    }
}
