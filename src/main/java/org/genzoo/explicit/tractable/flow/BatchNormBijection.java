package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * Batch normalisation as a bijection (Dinh, Sohl-Dickstein &amp; Bengio 2016, section 3.7):
 * {@code y = (x - μ) / sqrt(σ² + ε) ⊙ exp(log γ) + β} per feature (per channel for images), with
 * {@code log |det J| = h · w · Σ_c (log γ_c - ½ log(σ²_c + ε))}. In a training step μ and σ² are
 * the batch's (biased) statistics, treated as constants of the map as RealNVP does, and are
 * folded into running averages {@code r ← (1 - ρ) r + ρ stat}; otherwise, and always for the
 * inverse, the running averages are used, so {@code forward(x, false)} and {@code inverse} are
 * exact inverses. The running averages are {@link Params#createBuffer buffers}, saved in every
 * checkpoint. genzoo writes this rather than using {@code core.nn.BatchNorm} because the flow
 * needs the statistics themselves for the log-determinant and the inverse.
 */
public final class BatchNormBijection implements Bijection {
    private static final float EPS = 1e-5f;
    private static final float MOMENTUM = 0.05f;

    private final NDArray logGamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final Shape event;

    /**
     * @param name prefix of the names ({@code name.loggamma}, {@code name.beta}, buffers
     *     {@code name.mean}, {@code name.var})
     * @param event the shape of one example
     */
    public BatchNormBijection(Params params, String name, Shape event) {
        this.event = event;
        Shape c = Flows.perChannel(event);
        this.logGamma = params.create(name + ".loggamma", c, Init.zeros());
        this.beta = params.create(name + ".beta", c, Init.zeros());
        this.runningMean = params.createBuffer(name + ".mean", c, Init.zeros());
        this.runningVar = params.createBuffer(name + ".var", c, Init.constant(1f));
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDManager m = x.getManager();
        NDArray mean;
        NDArray var;
        if (training) {
            if (x.getShape().get(0) < 2) {
                throw new IllegalArgumentException("batch normalisation needs at least 2 rows to train, got "
                        + x.getShape().get(0));
            }
            int[] axes = Flows.statAxes(x.getShape());
            mean = Flows.asPerChannel(Flows.meanOver(x, axes), event);
            var = Flows.asPerChannel(Flows.meanOver(x.sub(mean).square(), axes), event);
            follow(runningMean, mean, m);
            follow(runningVar, var, m);
        } else {
            mean = Flows.borrow(m, runningMean);
            var = Flows.borrow(m, runningVar);
        }
        NDArray logStd = Flows.times(var.add(EPS).log(), 0.5);
        NDArray lg = Flows.borrow(m, logGamma);
        NDArray y = x.sub(mean).mul(lg.sub(logStd).exp()).add(Flows.borrow(m, beta));
        NDArray perPosition = Flows.times(lg.sub(logStd).sum(), Flows.spatial(event));
        return new Result(y, Flows.perExample(x, perPosition));
    }

    /**
     * {@code r ← r - ρ (r - stat)}, in place: the difference is computed in the batch's manager
     * from a detached copy of the statistic, so nothing is recorded for backpropagation and every
     * temporary is freed with the step.
     */
    private static void follow(NDArray running, NDArray stat, NDManager m) {
        NDArray step = Flows.times(Flows.borrow(m, running).sub(stat.stopGradient()), MOMENTUM);
        running.subi(step);
    }

    @Override
    public Result inverse(NDArray y) {
        NDManager m = y.getManager();
        NDArray logStd = Flows.times(Flows.borrow(m, runningVar).add(EPS).log(), 0.5);
        NDArray lg = Flows.borrow(m, logGamma);
        NDArray x = y.sub(Flows.borrow(m, beta)).mul(logStd.sub(lg).exp()).add(Flows.borrow(m, runningMean));
        return new Result(x, Flows.perExample(y, Flows.times(logStd.sub(lg).sum(), Flows.spatial(event))));
    }
}
