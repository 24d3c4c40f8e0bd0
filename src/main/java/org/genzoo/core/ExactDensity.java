package org.genzoo.core;

import ai.djl.ndarray.NDArray;

/** Capability: the model computes log p_model(x) exactly (autoregressive models, flows). */
public interface ExactDensity {
    /**
     * @param x an {@code (n, dim)} batch in data space
     * @return {@code (n,)} log-probabilities (or log-densities) in nats
     */
    NDArray logProb(NDArray x);

    /** Bits per dimension for a mean log-likelihood in nats: {@code -ll / (dim ln 2)}. */
    static double bitsPerDim(double meanLogLikelihoodNats, int dim) {
        return -meanLogLikelihoodNats / (dim * Math.log(2));
    }
}
