package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Capability: the model draws {@code x ~ p(x|z)} after {@code z ~ p(z)} (a latent-variable
 * model with a decoder distribution), and can give the decoder's mean {@code E[x|z]} instead of
 * the draw: for a Bernoulli decoder, the probabilities of a 1, which make smoother pictures but
 * are not samples of the data.
 */
public interface MeanSampler extends Sampler {
    /**
     * Draws {@code n} latent values from the prior and returns the decoder's means.
     *
     * @param manager where the result is put
     * @param n number of rows, positive
     * @return an {@code (n, dim)} array in data space
     */
    NDArray sampleMeans(NDManager manager, int n);
}
