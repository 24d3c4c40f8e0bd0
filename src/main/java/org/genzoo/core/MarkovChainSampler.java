package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Capability: the model samples by running a Markov chain whose stationary distribution is
 * p_model (Boltzmann machines by Gibbs sampling; generative stochastic networks by alternating
 * corruption and reconstruction). A sample after {@code t} transitions is only approximately from
 * p_model, and how fast the chain forgets its start is the family's cost (Goodfellow 2016,
 * section 2), so the number of steps is the caller's to choose.
 *
 * <p>A state may hold more than the data (for a Boltzmann machine, the hidden units as well);
 * {@link #visible(NDArray)} gives its data-space part.
 */
public interface MarkovChainSampler extends Sampler {

    /**
     * Starting states for {@code n} independent chains, drawn with the engine's random numbers.
     *
     * @param manager where the result is put
     * @param n number of chains, positive
     * @return an {@code (n, stateDim)} array
     */
    NDArray initialState(NDManager manager, int n);

    /**
     * One transition of every chain.
     *
     * @param state an {@code (n, stateDim)} array
     * @return the next states, {@code (n, stateDim)}, in {@code state}'s manager
     */
    NDArray step(NDArray state);

    /**
     * The data-space part of states (a Boltzmann machine's visible units).
     *
     * @param state an {@code (n, stateDim)} array
     * @return an {@code (n, dim)} array in {@code state}'s manager
     */
    NDArray visible(NDArray state);

    /** The number of transitions {@link #sample(NDManager, int)} runs. */
    int defaultSteps();

    /** Draws {@code n} samples after {@link #defaultSteps()} transitions. */
    @Override
    default NDArray sample(NDManager manager, int n) {
        return sample(manager, n, defaultSteps());
    }

    /**
     * Runs {@code n} chains for {@code steps} transitions from {@link #initialState} and returns
     * their visible parts. Each transition's temporaries are freed before the next, so memory
     * does not grow with {@code steps}.
     *
     * @param manager where the result is put
     * @param n number of chains, positive
     * @param steps transitions, 0 or more (0 returns the initial states' visible parts)
     * @return an {@code (n, dim)} array
     */
    default NDArray sample(NDManager manager, int n, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
        }
        NDArray state = initialState(manager, n);
        for (int t = 0; t < steps; t++) {
            state = advance(manager, state);
        }
        try (NDManager sm = manager.newSubManager()) {
            state.attach(sm);
            NDArray x = visible(state);
            x.attach(manager);
            return x;
        }
    }

    /**
     * This chain stopped after {@code steps} transitions, as a plain {@link Sampler} (same memory
     * per row), so that anything that draws in chunks (such as {@code genzoo sample --steps})
     * can use it.
     *
     * @param steps transitions, 0 or more
     */
    default Sampler after(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
        }
        MarkovChainSampler self = this;
        return new Sampler() {
            @Override
            public NDArray sample(NDManager manager, int n) {
                return self.sample(manager, n, steps);
            }

            @Override
            public long sampleBytesPerRow(int dim) {
                return self.sampleBytesPerRow(dim);
            }

            @Override
            public boolean oneShotSampling() {
                return false;
            }
        };
    }

    /**
     * One transition of {@code state}, which lives in {@code manager}: the old state and the
     * transition's temporaries are freed, the new state is put in {@code manager}.
     */
    default NDArray advance(NDManager manager, NDArray state) {
        try (NDManager sm = manager.newSubManager()) {
            state.attach(sm);
            NDArray next = step(state);
            next.attach(manager);
            return next;
        }
    }

    /** A chain's sample costs {@code steps} sequential transitions, not one pass. */
    @Override
    default boolean oneShotSampling() {
        return false;
    }
}
