package org.genzoo.explicit.approximate.variational;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.LowerBound;
import org.genzoo.core.Sampler;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Variational autoencoder: Kingma and Welling, "Auto-Encoding Variational Bayes" (2013), with
 * the importance-weighted bound of Burda, Grosse and Salakhutdinov, "Importance Weighted
 * Autoencoders" (2015).
 *
 * <p>Model: {@code p(z) = N(0, I)}, {@code p(x|z)} Bernoulli with logits {@code f(z)} (binary
 * data) or Gaussian with mean {@code f(z)} and a learned diagonal variance (real data);
 * approximate posterior {@code q(z|x) = N(μ(x), diag σ²(x))}, reparameterised as
 * {@code z = μ + σ ε}.
 *
 * <p>Likelihood: a lower bound. ELBO (Kingma and Welling eq. 10, with the KL in closed form,
 * their appendix B): {@code L = E_q[log p(x|z)] - KL(q(z|x) || p(z))}. IWAE (Burda et al. eq. 8):
 * {@code L_k = E[log (1/k) Σ_i p(x, z_i) / q(z_i|x)]}, with {@code L_1 = ELBO ≤ L_k ≤ L_{k+1}
 * ≤ log p(x)}. genzoo reports {@code -L_5000} as an upper bound on the test NLL.
 */
public final class Vae extends ModelBase<VaeConfig> implements Sampler, LowerBound {
    /** Rows of (importance sample × example) evaluated at once, to bound memory. */
    private static final int ROWS_PER_CHUNK = 50_000;

    private final Mlp encoder;
    private final Mlp decoder;
    private final NDArray decoderLogVar; // Gaussian decoder only
    private final boolean bernoulli;
    private final int latent;

    /**
     * Builds the networks with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Vae(VaeConfig config, DataSpec data, NDManager parent) {
        super("vae", Leaf.VARIATIONAL, config, data, parent);
        this.bernoulli = "bernoulli".equals(config.decoder())
                || ("auto".equals(config.decoder()) && data.kind() != DataKind.CONTINUOUS);
        this.latent = config.latent();
        Activation act = Activation.parse(config.activation(), "activation");
        this.encoder = new Mlp(params, "encoder", Mlp.widths(data.dim(), config.encoderHidden(), 2 * latent), act);
        this.decoder = new Mlp(params, "decoder", Mlp.widths(latent, config.decoderHidden(), data.dim()), act);
        this.decoderLogVar = bernoulli ? null
                : params.create("decoder.logvar", new Shape(data.dim()), Init.zeros());
    }

    @Override
    public Input input() {
        return bernoulli ? Input.BINARY : Input.DEQUANTISED;
    }

    /** Whether the decoder is Bernoulli (else Gaussian). */
    public boolean bernoulli() {
        return bernoulli;
    }

    /** log p(x|z) per row; {@code x} and {@code z} have the same number of rows. */
    NDArray logLikelihood(NDArray x, NDArray z) {
        NDArray out = decoder.forward(z);
        if (bernoulli) {
            return Gaussian.logBernoulli(x, out);
        }
        return Gaussian.logDensity(x, out, decoderLogVar);
    }

    /** The encoder's (μ, log σ²) for each row of {@code x}. */
    NDList posterior(NDArray x) {
        NDArray h = encoder.forward(x);
        return h.split(new long[] {latent}, 1);
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        double loss;
        double recon = Double.NaN;
        double kl = Double.NaN;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray objective;
            if (config.trainK() == 1) {
                NDList q = posterior(x);
                NDArray mu = q.get(0);
                NDArray logVar = q.get(1);
                NDArray eps = scratch.randomNormal(mu.getShape());
                NDArray z = mu.add(logVar.mul(0.5f).exp().mul(eps));
                NDArray rec = logLikelihood(x, z).mean();
                // KL(N(μ, σ²) || N(0, 1)) in closed form (Kingma and Welling, appendix B)
                NDArray klTerm = mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(new int[] {1}).mul(0.5f).mean();
                objective = klTerm.sub(rec);
                recon = -rec.getFloat();
                kl = klTerm.getFloat();
            } else {
                objective = bound(x, config.trainK(), scratch).mean().neg();
            }
            gc.backward(objective);
            loss = objective.getFloat();
        }
        optimizers.step("model", scratch);
        LossParts parts = new LossParts(loss);
        if (!Double.isNaN(recon)) {
            parts.with("recon", recon).with("kl", kl);
        }
        return parts;
    }

    @Override
    public NDArray lowerBound(NDArray x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != data.dim()) {
            throw new IllegalArgumentException("x must have shape (n, " + data.dim() + "), got " + x.getShape());
        }
        return bound(x, k, x.getManager());
    }

    /**
     * {@code log (1/k) Σ_i w_i}, {@code w_i = p(x, z_i) / q(z_i|x)}, per row of x; chunks of
     * importance samples are combined by log-sum-exp so memory stays bounded for k = 5000.
     */
    private NDArray bound(NDArray x, int k, NDManager out) {
        long n = x.getShape().get(0);
        NDList q = posterior(x);
        NDArray mu = q.get(0);
        NDArray logVar = q.get(1);
        NDArray sigma = logVar.mul(0.5f).exp();
        int chunk = (int) Math.max(1, Math.min(k, ROWS_PER_CHUNK / Math.max(1, n)));
        NDArray acc = null; // running log Σ w over chunks, shape (n,)
        for (int done = 0; done < k; done += chunk) {
            int c = Math.min(chunk, k - done);
            NDArray eps = out.randomNormal(new Shape(c, n, latent));
            NDArray z = eps.mul(sigma).add(mu); // (c, n, L)
            NDArray xr = x.expandDims(0).repeat(0, c); // (c, n, D)
            NDArray logPxz = logLikelihood(xr.reshape(c * n, data.dim()), z.reshape(c * n, latent)).reshape(c, n);
            NDArray logPz = Gaussian.logStandard(z);
            // log q(z|x) with z = μ + σ ε: -½ Σ (ε² + log σ² + log 2π)
            NDArray logQ = Gaussian.logStandard(eps).sub(logVar.sum(new int[] {1}).mul(0.5f));
            NDArray logW = logPxz.add(logPz).sub(logQ);
            NDArray part = Gaussian.logSumExp(logW, 0);
            acc = acc == null ? part : Gaussian.logSumExp(acc.stack(part, 0), 0);
        }
        return acc.sub((float) Math.log(k));
    }

    @Override
    public NDArray sample(NDManager mgr, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        NDArray z = mgr.randomNormal(new Shape(n, latent));
        NDArray out = decoder.forward(z);
        if (bernoulli) {
            return out.getNDArrayInternal().sigmoid(); // the mean image, as is usual for pictures
        }
        NDArray sd = out.zerosLike().add(decoderLogVar).mul(0.5f).exp(); // kept out of the model's manager
        return out.add(sd.mul(mgr.randomNormal(out.getShape())));
    }
}
