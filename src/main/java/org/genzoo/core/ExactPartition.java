package org.genzoo.core;

import java.util.OptionalDouble;

/**
 * Capability: for a small enough model, log Z of its unnormalised density can be computed
 * exactly by enumeration (for an RBM: over all hidden configurations with the visible units
 * summed analytically, or over all visible vectors). The evaluator uses it when it is cheap and
 * says the figure is exact.
 */
public interface ExactPartition extends Energy {

    /**
     * log Z exactly, if that takes at most {@code maxTerms} terms of the enumeration.
     *
     * @param maxTerms the most configurations to sum over
     * @return log Z, or empty when the model is too large for the budget
     */
    OptionalDouble exactLogPartition(long maxTerms);
}
