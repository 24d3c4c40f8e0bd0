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

    /**
     * RealNVP's checkerboard mask for {@code (c, h, w)} images (section 3.4, figure 3):
     * {@code m = (y + x + parity) mod 2} on every channel.
     */
    public static NDArray checkerboard(Params params, Shape event, int parity) {
        int c = (int) event.get(0);
        int h = (int) event.get(1);
        int w = (int) event.get(2);
        float[] m = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m[(k * h + y) * w + x] = (y + x + parity) % 2;
                }
            }
        }
        return Flows.constant(params, m, event);
    }

    /**
     * RealNVP's channel-wise mask for {@code (c, h, w)} images (section 3.4): the first half of
     * the channels unchanged ({@code parity} 0) or the second half ({@code parity} 1).
     */
    public static NDArray channels(Params params, Shape event, int parity) {
        int c = (int) event.get(0);
        float[] m = new float[c];
        for (int k = 0; k < c; k++) {
            m[k] = (k < c / 2) == (parity == 0) ? 1 : 0;
        }
        return Flows.constant(params, m, new Shape(c, 1, 1));
    }
}
