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

    /**
     * Engine bytes that drawing one sample of {@code dim} values takes (every array of a draw
     * lives until the draw ends), used to size chunks under a {@link MemoryBudget}. The default,
     * 64 floats of work per output value, is generous for the one-pass networks here; a model
     * whose draw needs more overrides it.
     */
    default long sampleBytesPerRow(int dim) {
        return 256L * dim;
    }

    /** Whether one sample costs one network pass (true) or a sequence of passes (false). */
    default boolean oneShotSampling() {
        return true;
    }
}
