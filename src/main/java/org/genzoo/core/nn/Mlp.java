package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Params;

/**
 * A multilayer perceptron: Dense layers with a nonlinearity between them and none after the
 * last (the caller applies what the output needs: a sigmoid, a split into mean and scale).
 *
 * <p>Two options for the hidden layers, both off by default:
 * <ul>
 *   <li>batch normalisation ({@link BatchNorm}) between each hidden Dense layer and its
 *       nonlinearity;
 *   <li>maxout with k pieces (Goodfellow et al., "Maxout Networks", 2013, eq. 1): each hidden
 *       layer computes k affine maps per unit and keeps their maximum, which then is the
 *       nonlinearity (the activation is not applied).
 * </ul>
 */
public final class Mlp {
    private final List<Dense> layers = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Activation activation;
    private final int pieces;

    /**
     * @param name prefix of the parameter names ({@code name.0.w}, {@code name.0.b}, ...)
     * @param widths input width, hidden widths, output width: at least two numbers
     * @param activation between layers
     */
    public Mlp(Params params, String name, int[] widths, Activation activation) {
        this(params, name, widths, activation, false, 1);
    }

    /**
     * @param name prefix of the parameter names ({@code name.0.w}, {@code name.0.bn.gamma}, ...)
     * @param widths input width, hidden widths, output width: at least two numbers
     * @param activation between layers (unused with maxout)
     * @param batchNorm normalise each hidden layer's pre-activations
     * @param pieces maxout pieces per hidden unit; 1 means no maxout
     */
    public Mlp(Params params, String name, int[] widths, Activation activation, boolean batchNorm, int pieces) {
        if (widths.length < 2) {
            throw new IllegalArgumentException(name + ": an MLP needs an input and an output width");
        }
        if (pieces < 1) {
            throw new IllegalArgumentException(name + ": maxout pieces must be positive, got " + pieces);
        }
        for (int i = 0; i + 1 < widths.length; i++) {
            boolean hidden = i + 2 < widths.length;
            layers.add(new Dense(params, name + "." + i, widths[i], hidden ? widths[i + 1] * pieces : widths[i + 1]));
            if (hidden && batchNorm) {
                norms.add(new BatchNorm(params, name + "." + i + ".bn", widths[i + 1] * pieces));
            }
        }
        this.activation = activation;
        this.pieces = pieces;
    }

    /**
     * The network applied to an {@code (n, in)} batch for inference (batch normalisation uses
     * its running statistics); the result lives in {@code x}'s manager.
     */
    public NDArray forward(NDArray x) {
        return forward(x, false);
    }

    /**
     * The network applied to an {@code (n, in)} batch.
     *
     * @param training batch normalisation uses, and folds into its running statistics, the
     *     batch's own statistics; without batch normalisation this changes nothing
     */
    public NDArray forward(NDArray x, boolean training) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i + 1 < layers.size()) {
                if (!norms.isEmpty()) {
                    h = norms.get(i).forward(h, training);
                }
                if (pieces > 1) {
                    long n = h.getShape().get(0);
                    h = h.reshape(n, h.getShape().get(1) / pieces, pieces).max(new int[] {2});
                } else {
                    h = activation.apply(h);
                }
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
