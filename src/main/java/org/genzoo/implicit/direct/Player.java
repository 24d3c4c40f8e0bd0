package org.genzoo.implicit.direct;

import ai.djl.ndarray.NDArray;
import org.genzoo.core.nn.Mlp;

/**
 * One player of the GAN game as {@link Gan} sees it: a network from rows to rows. The generator
 * maps {@code (n, noise)} to {@code (n, dim)} (before the output nonlinearity that {@link Gan}
 * applies); the discriminator maps {@code (n, dim · pack)} to {@code (n, 1)} logits. The loss,
 * packing, weight average and R1 penalty live in {@link Gan} and work for any player.
 */
interface Player {
    /**
     * The network applied to a batch of rows; the result lives in {@code x}'s manager.
     *
     * @param training batch normalisation, if any, uses (and folds into its running averages)
     *     the batch's statistics
     */
    NDArray forward(NDArray x, boolean training);

    /**
     * {@code ∂f(x_i)/∂x_i} for each row of a one-output network, itself differentiable with
     * respect to the weights (for the R1 penalty).
     *
     * @throws UnsupportedOperationException for players that cannot compute it
     */
    default NDArray inputGradient(NDArray x) {
        throw new UnsupportedOperationException("inputGradient: not available for " + getClass().getSimpleName());
    }

    /** Engine bytes one row of {@link #forward} at inference needs at most, or 0 for "small". */
    default long bytesPerRow() {
        return 0;
    }

    /** An MLP player ({@link Mlp}), with its hand-written input gradient. */
    static Player of(Mlp mlp) {
        return new Player() {
            @Override
            public NDArray forward(NDArray x, boolean training) {
                return mlp.forward(x, training);
            }

            @Override
            public NDArray inputGradient(NDArray x) {
                return mlp.inputGradient(x);
            }
        };
    }
}
