package org.genzoo.explicit.approximate.markov;

import org.genzoo.core.Setting;
import org.genzoo.core.UserError;

/**
 * Hyperparameters of {@link Dbm}. What each one means is in its {@link Setting}, which
 * {@code genzoo list dbm} prints. The MNIST preset follows Salakhutdinov and Hinton (2009,
 * section 4) and the settings of their published code: 500-1000 hidden units, 100 persistent
 * chains advanced by 5 Gibbs sweeps per update, weight decay 0.0002 (0.001 in pretraining).
 */
public record DbmConfig(
        @Setting("units in the first hidden layer h1") int hidden1,
        @Setting("units in the second (top) hidden layer h2") int hidden2,
        @Setting("optimiser steps of greedy pretraining for EACH of the two modified RBMs, taken before "
                + "joint training (0: no pretraining); the phase is saved in the checkpoint") int pretrainSteps,
        @Setting("CD-k's number of Gibbs sweeps in pretraining") int pretrainCdK,
        @Setting("the pretraining gradients are multiplied by this (with optimizer=sgd: its learning rate is "
                + "lr times this)") double pretrainLrFactor,
        @Setting("L2 weight decay on W1 and W2 in pretraining (added to the gradient as -decay·W)")
        double pretrainWeightDecay,
        @Setting("mean-field fixed-point iterations at most, for the data term and the bound") int meanFieldIters,
        @Setting("mean-field stops early when no marginal moves by more than this in an iteration (0: never)")
        double meanFieldTol,
        @Setting("persistent Gibbs chains (fantasy particles) for the model term of joint training") int chains,
        @Setting("Gibbs sweeps of the persistent chains per joint-training update") int gibbsSteps,
        @Setting("L2 weight decay on W1 and W2 in joint training (added to the gradient as -decay·W)")
        double weightDecay,
        @Setting("Gibbs sweeps a `sample` draw runs from random states when --steps is not given")
        int sampleSteps) {

    /** Validates every field, naming it. */
    public DbmConfig {
        positive(hidden1, "hidden1");
        positive(hidden2, "hidden2");
        if (pretrainSteps < 0) {
            throw new UserError("pretrainSteps: expected 0 or more, got " + pretrainSteps);
        }
        positive(pretrainCdK, "pretrainCdK");
        if (!(pretrainLrFactor > 0) || !Double.isFinite(pretrainLrFactor)) {
            throw new UserError("pretrainLrFactor: expected a positive number, got " + pretrainLrFactor);
        }
        nonNegative(pretrainWeightDecay, "pretrainWeightDecay");
        positive(meanFieldIters, "meanFieldIters");
        nonNegative(meanFieldTol, "meanFieldTol");
        positive(chains, "chains");
        positive(gibbsSteps, "gibbsSteps");
        nonNegative(weightDecay, "weightDecay");
        if (sampleSteps < 0) {
            throw new UserError("sampleSteps: expected 0 or more, got " + sampleSteps);
        }
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new UserError(name + ": expected a positive whole number, got " + v);
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new UserError(name + ": expected a number of 0 or more, got " + v);
        }
    }

    /**
     * Salakhutdinov and Hinton's MNIST DBM, 784-500-1000, with 10 mean-field iterations and 5
     * Gibbs sweeps per update as in their code; pretraining takes 10 epochs of 500 steps per RBM
     * here (their code: 100 epochs each, more than two cores allow).
     */
    public static DbmConfig mnist() {
        return new DbmConfig(500, 1000, 5000, 1, 50, 0.001, 10, 1e-7, 100, 5, 0.0002, 1000);
    }

    /** A small model for 16-bit vectors such as binary-synthetic. */
    public static DbmConfig small() {
        return new DbmConfig(16, 8, 500, 1, 10, 0.001, 10, 1e-7, 100, 5, 0.0002, 200);
    }
}
