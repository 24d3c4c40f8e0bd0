package org.genzoo.core;

import ai.djl.ndarray.NDArray;

/** Capability: the model computes a lower bound on log p_model(x) (variational models). */
public interface LowerBound {
    /**
     * The importance-weighted bound with {@code k} samples of the approximate posterior:
     * {@code L_k = E[log (1/k) Σ_i p(x, z_i) / q(z_i | x)]}; {@code k = 1} is the ELBO, and
     * {@code L_k} rises toward log p(x) as k grows (Burda et al. 2015, theorem 1). The samples
     * are taken in chunks that fit {@code memory}, and the chunks' sums are merged exactly by
     * log-sum-exp, so the budget changes how long it takes, not the figure.
     *
     * @param x an {@code (n, dim)} batch in data space
     * @param k number of importance samples, at least 1
     * @param memory engine working memory one chunk may use
     * @return {@code (n,)} one stochastic estimate of the bound per example, in nats, in
     *     {@code x}'s manager
     */
    NDArray lowerBound(NDArray x, int k, MemoryBudget memory);

    /** {@link #lowerBound(NDArray, int, MemoryBudget)} within {@link MemoryBudget#DEFAULT}. */
    default NDArray lowerBound(NDArray x, int k) {
        return lowerBound(x, k, MemoryBudget.DEFAULT);
    }

    /**
     * Engine bytes that one (example, importance sample) pair takes while the bound is computed:
     * what a caller divides a memory budget by to choose how many rows to pass at once.
     */
    long boundBytesPerSample();
}
