package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Params;
import org.genzoo.core.nn.Scalars;

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
        return Scalars.over(x.sum(axes), n);
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
