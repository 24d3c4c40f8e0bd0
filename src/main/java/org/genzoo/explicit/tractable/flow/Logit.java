package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * RealNVP's logit transform of dequantised images (Dinh, Sohl-Dickstein &amp; Bengio 2016,
 * section 4.1), the first layer of every image flow: for {@code y ∈ [0, 1)} (the dequantised
 * grey level {@code (k + u) / 256}),
 * {@code s = α + (1 - 2α) y}, {@code z = logit(s) = log s - log(1 - s)}, so that the flow models
 * unbounded values and α keeps {@code z} finite at the edges. Per value
 * {@code dz/dy = (1 - 2α) / (s (1 - s))}, hence
 * {@code log |det J| = Σ_i [log(1 - 2α) - log s_i - log(1 - s_i)]}. The inverse is
 * {@code y = (σ(z) - α) / (1 - 2α)}, with {@code log s + log(1 - s) = -softplus(-z) - softplus(z)}
 * (finite for any z).
 *
 * <p>Including this Jacobian makes the flow's {@code log p} a density on the dequantised data in
 * [0, 1)^D, which the evaluator turns into the discrete 8-bit likelihood (see {@link Flow}).
 */
public final class Logit implements Bijection {
    private final float alpha;
    private final float logRange;

    /** @param alpha in [0, 0.5): 0.05 for MNIST-like data, as in RealNVP */
    public Logit(double alpha) {
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in [0, 0.5), got " + alpha);
        }
        this.alpha = (float) alpha;
        this.logRange = (float) Math.log(1 - 2 * alpha);
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDArray s = Flows.times(x, 1f - 2f * alpha).add(alpha);
        NDArray logS = s.log();
        NDArray log1mS = s.neg().add(1f).log();
        NDArray logDet = Flows.sumPerExample(logS.add(log1mS).neg().add(logRange));
        return new Result(logS.sub(log1mS), logDet);
    }

    @Override
    public Result inverse(NDArray z) {
        NDArray y = Flows.over(z.getNDArrayInternal().sigmoid().sub(alpha), 1f - 2f * alpha);
        NDArray logSS = Activation.softPlus(z.neg()).add(Activation.softPlus(z)).neg(); // log s + log(1 - s)
        return new Result(y, Flows.sumPerExample(logSS.sub(logRange)));
    }
}
