package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
                h = pieces > 1 ? maxout(h) : activation.apply(h);
            }
        }
        return h;
    }

    /**
     * The gradient of the network's single output with respect to its input, for each row:
     * {@code ∂f(x_i)/∂x_i}, shape {@code (n, in)}. It is computed by a backward pass written in
     * NDArray operations, so the result is itself differentiable with respect to the weights:
     * a gradient penalty on it trains by ordinary backpropagation, with no double-backward
     * call into the engine. Maxout passes the gradient to each unit's largest piece. Not for
     * networks with batch normalisation.
     */
    public NDArray inputGradient(NDArray x) {
        if (!norms.isEmpty()) {
            throw new UnsupportedOperationException("inputGradient: batch normalisation is not supported");
        }
        if (layers.get(layers.size() - 1).out() != 1) {
            throw new UnsupportedOperationException("inputGradient: the network must have one output");
        }
        List<NDArray> pre = new ArrayList<>();
        NDArray h = x;
        for (int i = 0; i + 1 < layers.size(); i++) {
            NDArray z = layers.get(i).forward(h);
            pre.add(z);
            h = pieces > 1 ? maxout(z) : activation.apply(z);
        }
        long n = x.getShape().get(0);
        NDArray last = layers.get(layers.size() - 1).weight(); // (1, width)
        // made in x's manager: an operation on the weight itself would leave its result in the model's
        NDArray g = x.getManager().zeros(new Shape(n, last.getShape().get(1))).add(last);
        for (int i = pre.size() - 1; i >= 0; i--) {
            NDArray z = pre.get(i);
            NDArray gz;
            if (pieces > 1) {
                long units = z.getShape().get(1) / pieces;
                NDArray zk = z.reshape(n, units, pieces);
                NDArray top = zk.eq(zk.max(new int[] {2}, true)).toType(z.getDataType(), false);
                gz = top.mul(g.expandDims(2)).reshape(n, units * pieces);
            } else {
                gz = g.mul(activation.derivative(z));
            }
            g = gz.matMul(layers.get(i).weight());
        }
        return g;
    }

    /** The largest of each unit's pieces: {@code (n, units · pieces)} to {@code (n, units)}. */
    private NDArray maxout(NDArray z) {
        return z.reshape(z.getShape().get(0), z.getShape().get(1) / pieces, pieces).max(new int[] {2});
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
