package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * Batch normalisation of each feature (Ioffe and Szegedy, "Batch Normalization", 2015, algorithm
 * 1): {@code y = γ (x - μ_B) / sqrt(σ²_B + ε) + β} with the batch's mean and biased variance
 * while training; at inference the running averages replace them (section 3.1). The running
 * statistics are {@link Params#createBuffer buffers}: saved in checkpoints, never trained.
 *
 * <p>The engine's operator does the work. As in PyTorch, the running variance uses the unbiased
 * batch variance, and the running averages move by 0.1 toward the batch's statistics per training
 * batch.
 */
public final class BatchNorm {
    private static final float EPS = 1e-5f;
    private static final float MOMENTUM = 0.1f;

    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;

    /**
     * Creates {@code name.gamma} (ones) and {@code name.beta} (zeros) as parameters and
     * {@code name.mean}, {@code name.var} as buffers.
     *
     * @param width number of features
     */
    public BatchNorm(Params params, String name, int width) {
        this.gamma = params.create(name + ".gamma", new Shape(width), Init.constant(1f));
        this.beta = params.create(name + ".beta", new Shape(width), Init.zeros());
        this.runningMean = params.createBuffer(name + ".mean", new Shape(width), Init.zeros());
        this.runningVar = params.createBuffer(name + ".var", new Shape(width), Init.constant(1f));
    }

    /**
     * Normalises an {@code (n, width)} batch.
     *
     * @param training use (and fold into the running averages) the batch's statistics; otherwise
     *     use the running averages
     */
    public NDArray forward(NDArray x, boolean training) {
        if (training && x.getShape().get(0) < 2) {
            throw new IllegalArgumentException("batch normalisation needs at least 2 rows to train, got "
                    + x.getShape().get(0));
        }
        // The engine's own operator (PyTorch's batch_norm), which in training updates the running
        // statistics in place. DJL's momentum is the weight of the old value (MXNet's convention):
        // 1 - ours.
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, 1, 1 - MOMENTUM, EPS,
                training).singletonOrThrow();
    }
}
