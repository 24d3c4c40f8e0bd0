package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Params;

/** Small array helpers the bijections share. */
final class Flows {
    private Flows() {}

    /**
     * A parameter borrowed into the batch's manager: a copy made by an operation whose first
     * operand lives in {@code m}, so every operation on the result lands in {@code m} too and is
     * freed with the step (an operation whose first operand is a parameter would leave its
     * result in the model's manager, one array per step). Gradients flow through the copy.
     */
    static NDArray borrow(NDManager m, NDArray param) {
        return m.zeros(param.getShape(), param.getDataType()).add(param);
    }

    /**
     * {@code x · v}, with {@code v} held in a 0-d array that libtorch allocates itself.
     *
     * <p>Every product or quotient by a constant in this package goes through here (or
     * {@link #over}), never through {@code x.mul(float)}: DJL turns a Java number into a 0-d
     * array over a Java direct buffer and closes that array straight after the operation, while
     * autograd keeps the tensor for the backward pass (the gradient of a product reads the other
     * factor, that of a quotient the divisor). Once the array is closed nothing in Java refers to
     * the buffer, so the garbage collector may free it before the backward pass, which then reads
     * freed memory: a gradient that is wrong by any factor, or NaN, only when a collection
     * happened to fall inside the step. That was RealNVP's "unrepeatable" training (issue 8);
     * {@code ScalarLifetimeTest} shows both the fault and that this form is immune. Sums and
     * differences with a number keep nothing for the backward pass and are safe.
     */
    static NDArray times(NDArray x, double v) {
        return x.mul(constant(x, v));
    }

    /** {@code x / v}, with {@code v} held as in {@link #times}. */
    static NDArray over(NDArray x, double v) {
        return x.div(constant(x, v));
    }

    /** A 0-d array holding {@code v} in {@code x}'s manager and type, allocated by libtorch (not over a Java buffer). */
    private static NDArray constant(NDArray x, double v) {
        return x.getManager().full(new Shape(), (float) v, x.getDataType());
    }

    /** {@code (b,)}: the sum of each example's values over every axis but the first. */
    static NDArray sumPerExample(NDArray x) {
        return x.reshape(x.getShape().get(0), -1).sum(new int[] {1});
    }

    /** {@code (b,)} zeros in {@code x}'s manager and type. */
    static NDArray zeroLogDet(NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0)), x.getDataType());
    }

    /** {@code (b,)} copies of a scalar {@code s} (a 0-d array), in {@code x}'s manager. */
    static NDArray perExample(NDArray x, NDArray s) {
        return zeroLogDet(x).add(s);
    }

    /**
     * The shape of a per-feature parameter for inputs shaped like {@code event} (the shape of
     * one example): {@code (d)} for vectors, {@code (c, 1, 1)} for images, so it broadcasts over
     * the batch and, for images, over the pixels.
     */
    static Shape perChannel(Shape event) {
        return event.dimension() == 1 ? event : new Shape(event.get(0), 1, 1);
    }

    /** The number of positions each channel has in one example: 1 for vectors, h·w for images. */
    static long spatial(Shape event) {
        return event.dimension() == 1 ? 1 : event.size() / event.get(0);
    }

    /** A constant array of the parameters' type in their manager (masks): never saved, never trained. */
    static NDArray constant(Params params, float[] values, Shape shape) {
        return params.manager().create(values, shape).toType(params.type(), false);
    }

    /** The axes of a batch over which per-channel statistics are taken: all but axis 1. */
    static int[] statAxes(Shape batch) {
        int[] axes = new int[batch.dimension() - 1];
        axes[0] = 0;
        for (int i = 2; i < batch.dimension(); i++) {
            axes[i - 1] = i;
        }
        return axes;
    }

    /**
     * The mean over {@code axes}: the engine's mean takes one axis only, so a sum divided by
     * the count.
     */
    static NDArray meanOver(NDArray x, int[] axes) {
        long n = 1;
        for (int a : axes) {
            n *= x.getShape().get(a);
        }
        return over(x.sum(axes), n);
    }

    /** Reads a one-value array as a double, whatever its floating type. */
    static double scalar(NDArray a) {
        try (NDArray d = a.toType(ai.djl.ndarray.types.DataType.FLOAT64, true)) {
            return d.getDouble(0);
        }
    }

    /** Reshapes a per-channel statistic {@code (c)} to broadcast over a batch shaped like {@code event}. */
    static NDArray asPerChannel(NDArray stat, Shape event) {
        return stat.reshape(perChannel(event));
    }
}
