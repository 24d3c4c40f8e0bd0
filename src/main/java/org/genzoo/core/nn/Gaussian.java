package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;

/** Log-densities and stable reductions shared by the models, each row summed over its last axis. */
public final class Gaussian {
    /** log(2π). */
    public static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private Gaussian() {}

    /**
     * log N(x; μ, exp(logVar)) summed over the last axis. {@code logVar} may be a parameter that
     * broadcasts over the rows; it is never the first operand of an op, so no temporary lands in
     * the parameter's manager.
     */
    public static NDArray logDensity(NDArray x, NDArray mu, NDArray logVar) {
        NDArray d = x.sub(mu);
        NDArray lv = d.zerosLike().add(logVar); // in the batch's manager from here on
        return Scalars.times(d.square().mul(lv.neg().exp()).add(lv).add(LOG_2PI).sum(new int[] {-1}), -0.5f);
    }

    /** log N(x; 0, I) summed over the last axis. */
    public static NDArray logStandard(NDArray x) {
        return Scalars.times(x.mul(x).add(LOG_2PI).sum(new int[] {-1}), -0.5f);
    }

    /**
     * log Bernoulli(x; sigmoid(logits)) summed over the last axis: {@code x l - softplus(l)},
     * stable for any logit.
     */
    public static NDArray logBernoulli(NDArray x, NDArray logits) {
        return x.mul(logits).sub(ai.djl.nn.Activation.softPlus(logits)).sum(new int[] {-1});
    }

    /** log Σ exp(x) over {@code axis}, exact at large magnitudes; the axis is removed. */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray m = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {axis}, true).log().add(m).squeeze(axis);
    }
}
