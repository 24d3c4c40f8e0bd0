package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;

/**
 * An invertible map with a tractable Jacobian determinant: the building block of a flow.
 * {@code forward} maps data towards the latent space (the normalising direction, x to z), and
 * {@code inverse} maps back (z to x, the generating direction). Both return the output and
 * {@code log |det J|} of the map they compute, summed over every axis but the first, so one
 * value per example. A composite sums the log-determinants forward and walks its parts in
 * reverse for the inverse ({@link Composite}).
 *
 * <p>Arrays are {@code (b, d)} vectors or {@code (b, c, h, w)} images; a bijection says which it
 * takes. Every result lives in the manager of the array passed in, never in the parameters'.
 */
public interface Bijection {

    /**
     * The output of a bijection and its log-determinant.
     *
     * @param value the output, same leading size as the input
     * @param logDet {@code (b,)}: {@code log |det ∂value/∂input|} of each example, in nats
     */
    record Result(NDArray value, NDArray logDet) {}

    /**
     * The normalising direction, x to z.
     *
     * @param x a batch
     * @param training true inside a training step: batch normalisation then uses (and folds into
     *     its running averages) the batch's own statistics; every other bijection ignores it
     */
    Result forward(NDArray x, boolean training);

    /** The normalising direction in inference mode, {@code forward(x, false)}. */
    default Result forward(NDArray x) {
        return forward(x, false);
    }

    /** The generating direction, z to x, in inference mode: exactly inverts {@code forward(x, false)}. */
    Result inverse(NDArray y);

    /**
     * Whether a data-dependent initialisation is still to be done (ActNorm's, Kingma &amp;
     * Dhariwal 2018 section 3.1). A flow asks before its first training step.
     */
    default boolean needsInit() {
        return false;
    }

    /**
     * Data-dependent initialisation from a batch, outside any gradient recording: sets what
     * needs setting from {@code x}, then returns the output of {@code forward(x, false)} so a
     * composite can initialise its next part on it. The default only runs the forward map.
     */
    default NDArray initialize(NDArray x) {
        return forward(x, false).value();
    }
}
