package org.genzoo.core;

/** Observes training; used for the progress bar and the CSV log. All methods are optional. */
public interface TrainListener {
    /** Training starts (or resumes) at {@code epoch}; {@code stepsPerEpoch} steps each. */
    default void onStart(GenerativeModel model, int epoch, int epochs, int stepsPerEpoch) {}

    /** A logged step: its loss parts and the training rate so far this epoch. */
    default void onStep(int epoch, long step, LossParts parts, double examplesPerSecond) {}

    /** An epoch ended; {@code valid} is the validation score or NaN when there is none. */
    default void onEpochEnd(int epoch, long step, double valid, boolean best) {}

    /** Training ended (normally or by early stopping). */
    default void onEnd() {}
}
