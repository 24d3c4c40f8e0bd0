package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** How a parameter starts. Draws come from the engine's seeded generator. */
@FunctionalInterface
public interface Init {
    /** Creates the initial array. */
    NDArray create(NDManager manager, Shape shape, DataType type);

    /** All zeros (biases). */
    static Init zeros() {
        return (m, s, t) -> m.zeros(s, t);
    }

    /** A constant. */
    static Init constant(float v) {
        return (m, s, t) -> m.full(s, v, t);
    }

    /** Normal with mean 0 and standard deviation {@code std}. */
    static Init normal(float std) {
        return (m, s, t) -> m.randomNormal(0f, std, s, t);
    }

    /**
     * Glorot and Bengio (2010) uniform: U(-a, a) with {@code a = sqrt(6 / (fanIn + fanOut))}.
     * For a weight of shape (out, in, k...) the fans include the receptive field.
     */
    static Init glorotUniform() {
        return (m, s, t) -> {
            long receptive = 1;
            for (int i = 2; i < s.dimension(); i++) {
                receptive *= s.get(i);
            }
            long fanOut = s.get(0) * receptive;
            long fanIn = (s.dimension() > 1 ? s.get(1) : 1) * receptive;
            float a = (float) Math.sqrt(6.0 / (fanIn + fanOut));
            return m.randomUniform(-a, a, s, t);
        };
    }
}
