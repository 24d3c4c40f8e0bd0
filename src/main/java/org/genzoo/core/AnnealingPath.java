package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A path of distributions p_β(s) ∝ f_β(s), β from 0 to 1, from a tractable base p_0 (whose
 * partition function is known and which can be sampled exactly) to a model p_1, as annealed
 * importance sampling needs it (Neal 2001; Salakhutdinov &amp; Murray 2008, section 3):
 * {@code log Z_1 ≈ log Z_0 + log mean_m Π_k f_βk(s_k) / f_βk-1(s_k)} with s_k a transition at
 * β_k-1 of s_k-1 and s_1 drawn from p_0.
 *
 * <p>The state {@code s} is whatever the chain needs (for an RBM, the visible units with the
 * hidden ones summed out). Every method works on a batch of independent runs.
 */
public interface AnnealingPath {

    /**
     * Exact draws from the base distribution p_0.
     *
     * @param manager where the result is put
     * @param runs number of independent AIS runs, positive
     * @return an {@code (runs, stateDim)} array
     */
    NDArray sampleBase(NDManager manager, int runs);

    /** log Z_0, the base distribution's log partition function, exactly. */
    double baseLogPartition();

    /**
     * The unnormalised log-density of the intermediate distribution at {@code beta}.
     *
     * @param state an {@code (runs, stateDim)} array
     * @param beta in [0, 1]
     * @return {@code (runs,)} values of log f_β(state), in {@code state}'s manager
     */
    NDArray logUnnormalised(NDArray state, double beta);

    /**
     * {@code log f_β(state) - log f_β'(state)}, the increment of an AIS weight from β' to β. The
     * default takes the difference of two {@link #logUnnormalised} calls; a path may override it
     * with a form that shares work between the two and avoids cancelling two large numbers.
     *
     * @param state an {@code (runs, stateDim)} array
     * @param beta the new inverse temperature
     * @param previous the previous one, β'
     * @return {@code (runs,)} float64 values, in {@code state}'s manager
     */
    default NDArray logRatio(NDArray state, double beta, double previous) {
        return logUnnormalised(state, beta).sub(logUnnormalised(state, previous))
                .toType(DataType.FLOAT64, false);
    }

    /**
     * One Markov chain transition that leaves p_β invariant.
     *
     * @param state an {@code (runs, stateDim)} array
     * @param beta in [0, 1]
     * @return the next states, in {@code state}'s manager
     */
    NDArray transition(NDArray state, double beta);
}
