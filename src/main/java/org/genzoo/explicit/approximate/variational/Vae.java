package org.genzoo.explicit.approximate.variational;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.Backward;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.LogMeanExp;
import org.genzoo.core.LowerBound;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.MeanSampler;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.nn.Scalars;
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
public final class Vae extends ModelBase<VaeConfig> implements MeanSampler, LowerBound {
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
                NDArray z = mu.add(Scalars.times(logVar, 0.5f).exp().mul(eps));
                NDArray rec = logLikelihood(x, z).mean();
                // KL(N(μ, σ²) || N(0, 1)) in closed form (Kingma and Welling, appendix B)
                NDArray klTerm = Scalars.times(mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(new int[] {1}), 0.5f).mean();
                objective = klTerm.sub(rec);
                recon = -rec.getFloat();
                kl = klTerm.getFloat();
            } else {
                objective = bound(x, config.trainK(), scratch).mean().neg();
            }
            Backward.pass(gc, objective);
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
    public NDArray lowerBound(NDArray x, int k, MemoryBudget memory) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != data.dim()) {
            throw new IllegalArgumentException("x must have shape (n, " + data.dim() + "), got " + x.getShape());
        }
        long n = x.getShape().get(0);
        int chunk = memory.fit(Math.max(1, n) * boundBytesPerSample(), k);
        return chunkedBound(x, k, chunk, (m, from, count) -> m.randomNormal(new Shape(count, n, latent)));
    }

    /**
     * Counted from {@link #logWeights}: every array a chunk makes stays alive until the chunk's
     * manager closes, so the footprint is the sum of all of them, per (example, sample): ε, σε
     * and z, two for each of log N(z) and log N(ε) (7 latent-wide arrays); the pre-activation
     * and activation of each decoder layer; the decoder's output with 3 more data-wide
     * temporaries of the Bernoulli log-likelihood (9 for the Gaussian one); a few scalars.
     */
    @Override
    public long boundBytesPerSample() {
        long hidden = 0;
        for (int w : config.decoderHidden()) {
            hidden += w;
        }
        return 4L * (7L * latent + 2 * hidden + (bernoulli ? 4L : 10L) * data.dim() + 8);
    }

    /** Draws ε ~ N(0, I) for importance samples {@code from .. from + count - 1}. */
    @FunctionalInterface
    interface Noise {
        /** An {@code (count, n, latent)} array in {@code m}. */
        NDArray draw(NDManager m, int from, int count);
    }

    /**
     * The IWAE bound of each row of {@code x} with {@code k} importance samples taken
     * {@code chunk} at a time. Each chunk runs in its own sub-manager, which is closed (freeing
     * its arrays) before the next one starts, so memory is bounded by one chunk whatever k is.
     * Each chunk gives {@code log Σ_{i in chunk} w_i} per row; the chunks are merged exactly by a
     * running log-sum-exp ({@link LogMeanExp}), so the result is the unchunked
     * {@code log (1/k) Σ_i w_i} up to float rounding. Package-private so a test can give the
     * same noise to a chunked and an unchunked call.
     */
    NDArray chunkedBound(NDArray x, int k, int chunk, Noise noise) {
        int n = (int) x.getShape().get(0);
        LogMeanExp acc = new LogMeanExp(n);
        try (NDManager pm = x.getManager().newSubManager()) {
            pm.tempAttachAll(x); // what is computed from x lands in pm and is freed with it
            NDList q = posterior(x);
            NDArray mu = q.get(0);
            NDArray logVar = q.get(1);
            NDArray sigma = Scalars.times(logVar, 0.5f).exp();
            NDArray halfLogDet = Scalars.times(logVar.sum(new int[] {1}), 0.5f);
            for (int done = 0; done < k; done += chunk) {
                int c = Math.min(chunk, k - done);
                try (NDManager cm = pm.newSubManager()) {
                    cm.tempAttachAll(x, mu, sigma, halfLogDet);
                    NDArray logW = logWeights(x, mu, sigma, halfLogDet, noise.draw(cm, done, c));
                    acc.add(Gaussian.logSumExp(logW, 0).toFloatArray());
                }
            }
        }
        return x.getManager().create(acc.logMean(k));
    }

    /**
     * {@code log w_i = log p(x|z_i) + log p(z_i) - log q(z_i|x)} with {@code z_i = μ + σ ε_i},
     * shape {@code (c, n)} for noise {@code eps} of shape {@code (c, n, latent)}. The arrays
     * land in {@code eps}'s manager (and {@code x}'s, which must be the same one).
     *
     * @param halfLogDet {@code ½ Σ_j log σ_j²} per row
     */
    private NDArray logWeights(NDArray x, NDArray mu, NDArray sigma, NDArray halfLogDet, NDArray eps) {
        long c = eps.getShape().get(0);
        long n = eps.getShape().get(1);
        NDArray z = eps.mul(sigma).add(mu); // (c, n, L)
        NDArray out = decoder.forward(z.reshape(c * n, latent)).reshape(c, n, data.dim());
        // x (n, D) broadcasts over the c samples
        NDArray logPxz = bernoulli ? Gaussian.logBernoulli(x, out) : Gaussian.logDensity(x, out, decoderLogVar);
        NDArray logPz = Gaussian.logStandard(z);
        // log q(z|x) with z = μ + σ ε: -½ Σ (ε² + log σ² + log 2π)
        NDArray logQ = Gaussian.logStandard(eps).sub(halfLogDet);
        return logPxz.add(logPz).sub(logQ);
    }

    /**
     * {@code log (1/k) Σ_i w_i} per row of {@code x}, unchunked, with the graph kept for
     * training (IWAE training with {@code trainK} samples).
     */
    private NDArray bound(NDArray x, int k, NDManager out) {
        long n = x.getShape().get(0);
        NDList q = posterior(x);
        NDArray mu = q.get(0);
        NDArray logVar = q.get(1);
        NDArray sigma = Scalars.times(logVar, 0.5f).exp();
        NDArray eps = out.randomNormal(new Shape(k, n, latent));
        NDArray logW = logWeights(x, mu, sigma, Scalars.times(logVar.sum(new int[] {1}), 0.5f), eps);
        return Gaussian.logSumExp(logW, 0).sub((float) Math.log(k));
    }

    /**
     * Draws {@code z ~ N(0, I)} and then {@code x ~ p(x|z)}: 0/1 values from the Bernoulli
     * decoder, or the Gaussian decoder's mean plus its noise.
     */
    @Override
    public NDArray sample(NDManager mgr, int n) {
        NDArray out = decode(mgr, n);
        if (bernoulli) {
            NDArray p = out.getNDArrayInternal().sigmoid();
            return mgr.randomUniform(0f, 1f, p.getShape()).lt(p).toType(DataType.FLOAT32, false);
        }
        NDArray sd = Scalars.times(out.zerosLike().add(decoderLogVar), 0.5f).exp(); // kept out of the model's manager
        return out.add(sd.mul(mgr.randomNormal(out.getShape())));
    }

    /** Draws {@code z ~ N(0, I)} and returns {@code E[x|z]}: the Bernoulli probabilities or the Gaussian mean. */
    @Override
    public NDArray sampleMeans(NDManager mgr, int n) {
        NDArray out = decode(mgr, n);
        return bernoulli ? out.getNDArrayInternal().sigmoid() : out;
    }

    /** The decoder's output (logits or mean) for {@code n} draws from the prior. */
    private NDArray decode(NDManager mgr, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return decoder.forward(mgr.randomNormal(new Shape(n, latent)));
    }
}
