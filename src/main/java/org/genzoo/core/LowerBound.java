package org.genzoo.core;

import ai.djl.ndarray.NDArray;

/** Capability: the model computes a lower bound on log p_model(x) (variational models). */
public interface LowerBound {
    /**
     * The importance-weighted bound with {@code k} samples of the approximate posterior:
     * {@code L_k = E[log (1/k) Σ_i p(x, z_i) / q(z_i | x)]}; {@code k = 1} is the ELBO, and
     * {@code L_k} rises toward log p(x) as k grows (Burda et al. 2015, theorem 1).
     *
     * @param x an {@code (n, dim)} batch in data space
     * @param k number of importance samples, at least 1
     * @return {@code (n,)} one stochastic estimate of the bound per example, in nats
     */
    NDArray lowerBound(NDArray x, int k);
}
