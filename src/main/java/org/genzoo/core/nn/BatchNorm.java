package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * Batch normalisation of each feature (Ioffe and Szegedy, "Batch Normalization", 2015, algorithm
 * 1): {@code y = γ (x - μ_B) / sqrt(σ²_B + ε) + β} with the batch's mean and biased variance
 * while training; at inference the running averages replace them (section 3.1). The running
 * statistics are {@link Params#createBuffer buffers}: saved in checkpoints, never trained.
 *
 * <p>As in PyTorch, the running variance uses the unbiased batch variance and the running
 * averages move by {@code momentum} = 0.1 per training batch.
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
        // Every scalar is made in x's manager: a scalar op on a running statistic would allocate
        // the scalar in the model's manager and leak one handle per call.
        NDManager sm = x.getManager();
        NDArray mean;
        NDArray var;
        if (training) {
            long n = x.getShape().get(0);
            if (n < 2) {
                throw new IllegalArgumentException("batch normalisation needs at least 2 rows to train, got " + n);
            }
            mean = x.mean(new int[] {0});
            var = x.sub(mean).square().mean(new int[] {0});
            NDArray m = mean.stopGradient();
            NDArray v = var.stopGradient().mul((float) n / (n - 1));
            runningMean.muli(sm.create(1 - MOMENTUM)).addi(m.mul(MOMENTUM));
            runningVar.muli(sm.create(1 - MOMENTUM)).addi(v.mul(MOMENTUM));
        } else {
            mean = runningMean;
            var = runningVar;
        }
        return x.sub(mean).div(sm.create(EPS).add(var).sqrt()).mul(gamma).add(beta);
    }
}
