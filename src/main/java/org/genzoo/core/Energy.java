package org.genzoo.core;

import ai.djl.ndarray.NDArray;

/**
 * Capability: the model defines an unnormalised density {@code p(x) = exp(-E(x)) / Z} (Boltzmann
 * machines); log p needs an estimate of log Z, such as annealed importance sampling.
 */
public interface Energy {
    /**
     * @param x an {@code (n, dim)} batch in data space
     * @return {@code (n,)} energies (or free energies, with hidden units summed out)
     */
    NDArray energy(NDArray x);

    /**
     * Whether {@link #energy} is the free energy itself, so that log p(x) = −energy(x) − log Z
     * (an RBM: true), or a variational upper bound on it, so that −energy(x) − log Z is a lower
     * bound on log p(x) given Z (a deep Boltzmann machine's mean-field bound: false).
     */
    default boolean exactEnergy() {
        return true;
    }
}
