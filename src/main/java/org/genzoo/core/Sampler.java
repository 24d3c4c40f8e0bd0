package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Capability: the model draws samples from p_model. */
public interface Sampler {
    /**
     * Draws {@code n} samples.
     *
     * @param manager where the result is put
     * @param n number of samples, positive
     * @return an {@code (n, dim)} array in data space
     */
    NDArray sample(NDManager manager, int n);

    /** Whether one sample costs one network pass (true) or a sequence of passes (false). */
    default boolean oneShotSampling() {
        return true;
    }
}
