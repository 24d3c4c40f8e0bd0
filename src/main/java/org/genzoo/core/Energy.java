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
}
