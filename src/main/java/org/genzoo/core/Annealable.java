package org.genzoo.core;

import ai.djl.ndarray.NDArray;

/**
 * Capability: the model's partition function can be estimated by annealed importance sampling,
 * along a path from a tractable base distribution fitted to the data (Salakhutdinov &amp; Murray
 * 2008 use a "base-rate" RBM whose visible biases match the data's marginals).
 */
public interface Annealable extends Energy {

    /**
     * The annealing path from a base distribution fitted to {@code dataMean} to this model.
     *
     * @param dataMean {@code (dim,)} mean of the training data in data space, for the base's
     *     marginals
     * @return the path; it holds its own copies and stays valid while the model is open
     */
    AnnealingPath annealingPath(NDArray dataMean);
}
