package org.genzoo.core;

/**
 * What a training run did.
 *
 * @param epochs epochs completed
 * @param steps optimiser steps taken
 * @param bestValid best validation score, or null when the model has none
 * @param bestEpoch epoch of the best score
 * @param seconds wall time spent training, summed over resumptions
 * @param examplesPerSecond training throughput
 * @param stoppedEarly whether patience ran out
 * @param validation what the validation score is (for example "-ELBO")
 */
public record TrainResult(int epochs, long steps, Double bestValid, int bestEpoch, double seconds,
        double examplesPerSecond, boolean stoppedEarly, String validation) {}
