package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Params;

/**
 * A multilayer perceptron: Dense layers with a nonlinearity between them and none after the
 * last (the caller applies what the output needs: a sigmoid, a split into mean and scale).
 */
public final class Mlp {
    private final List<Dense> layers = new ArrayList<>();
    private final Activation activation;

    /**
     * @param name prefix of the parameter names ({@code name.0.w}, {@code name.0.b}, ...)
     * @param widths input width, hidden widths, output width: at least two numbers
     * @param activation between layers
     */
    public Mlp(Params params, String name, int[] widths, Activation activation) {
        if (widths.length < 2) {
            throw new IllegalArgumentException(name + ": an MLP needs an input and an output width");
        }
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Dense(params, name + "." + i, widths[i], widths[i + 1]));
        }
        this.activation = activation;
    }

    /** The network applied to an {@code (n, in)} batch; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i + 1 < layers.size()) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** Builds the width list {@code in, hidden..., out}. */
    public static int[] widths(int in, int[] hidden, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
    }
}
