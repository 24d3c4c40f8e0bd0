package org.genzoo.implicit.markov;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.Backward;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.MeanSampler;
import org.genzoo.core.ModelBase;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.Mlp;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Generative stochastic network: Bengio, Thibodeau-Laufer, Alain and Yosinski, "Deep Generative
 * Stochastic Networks Trainable by Backprop" (2014), in its simplest form, the denoising
 * autoencoder seen as a generative model: Bengio, Yao, Alain and Vincent, "Generalized Denoising
 * Auto-Encoders as Generative Models" (2013). The GSN's latent state H_{t+1} is here the
 * corrupted X_t, which makes its chain the denoising autoencoder's.
 *
 * <p>Model. A fixed corruption {@code C(x̃ | x)} and a learned reconstruction
 * {@code P_θ(x | x̃)}, an MLP of x̃ giving the parameters of a factorised distribution:
 * <ul>
 *   <li>binary data: salt-and-pepper corruption (each value replaced with probability p by a fair
 *       random bit, so flipped with probability p/2) and a Bernoulli reconstruction with logits
 *       {@code f(x̃)};</li>
 *   <li>continuous data: Gaussian corruption {@code x̃ = x + σ_c ε} and a Gaussian reconstruction
 *       {@code N(μ(x̃), diag exp(v(x̃)))} whose mean and log-variance are both outputs of the network.
 *       The variance is learned, and as a function of x̃, because the spread of the true
 *       {@code P(x | x̃)} changes with x̃: near one mode of a mixture it is that mode's width, between
 *       two modes it spans both. A constant σ would have to be either as wide as the gap, which blurs
 *       every sample, or as narrow as a mode, which stops the chain from ever crossing.</li>
 * </ul>
 *
 * <p>Training (2013, eq. 1 and section 3.3). Maximise
 * {@code E_{x ~ data} E_{x̃ ~ C(x̃|x)} log P_θ(x | x̃)} with walkback: from {@code x*_0 = x}, for
 * k = 1..K, {@code x̃_k ~ C(x̃ | x*_{k-1})}, score {@code log P_θ(x | x̃_k)} against the clean x,
 * then {@code x*_k ~ P_θ(x | x̃_k)}. The walk's samples are data for the later terms, not
 * differentiated through. The paper stops the walk at random; here it runs K = {@code walkback}
 * steps and term k has weight {@code 2^-(k-1)}, the chance that a walk which goes on with
 * probability 1/2 after each step reaches it, so the loss is that randomly stopped walk's
 * expectation (truncated at K) at a fixed cost per step; the weights are normalised to sum to 1.
 * Walkback makes the network reconstruct x from the places the chain wanders to, which removes
 * spurious modes far from the data. With a unimodal reconstruction it has a price on data whose
 * modes are far apart: a walk that has jumped to another mode asks one Gaussian to cover both
 * (Ozair, Yao and Bengio, "Multimodal Transitions for Generative Stochastic Networks", 2013, on
 * why transitions should be multimodal); see {@link GsnConfig#toy()}.
 *
 * <p>Sampling (2013, section 3.1). The chain {@code x̃_t ~ C(x̃ | x_t)}, {@code x_{t+1} ~ P_θ(x | x̃_t)}
 * has transition {@code T(x' | x) = Σ_x̃ P_θ(x' | x̃) C(x̃ | x)} (an integral for continuous x̃). If
 * P_θ is a consistent estimator of the true {@code P(x | x̃)} and the chain is ergodic, its
 * stationary distribution converges to the data distribution (2013, theorem 1). A sample is the
 * state after {@code sampleSteps} transitions drawn from P_θ; {@link #sampleMeans} shows the
 * last reconstruction's mean instead.
 *
 * <p>Likelihood: none (implicit density); a Parzen estimate from samples only.
 */
public final class Gsn extends ModelBase<GsnConfig> implements MarkovChainSampler, MeanSampler {
    /**
     * Floor of the Gaussian reconstruction's log-variance (σ ≥ e^-6 ≈ 0.0025, far below the modes
     * of the toy data), so that a network that fits one batch too well cannot send it to -∞.
     */
    static final double MIN_LOG_VAR = -12;

    /** Probability that the walk goes on after each step; see the class comment. */
    static final double WALK_ON = 0.5;

    private final Mlp net;
    private final boolean bernoulli;
    private final boolean saltAndPepper;
    private final float noise;
    private final int dim;

    /**
     * Builds the reconstruction network with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Gsn(GsnConfig config, DataSpec data, NDManager parent) {
        super("gsn", Leaf.MARKOV_CHAIN_IMPLICIT, config, data, parent);
        this.dim = data.dim();
        this.bernoulli = "bernoulli".equals(config.reconstruction())
                || ("auto".equals(config.reconstruction()) && data.kind() != DataKind.CONTINUOUS);
        if (bernoulli && data.kind() == DataKind.CONTINUOUS) {
            throw new UserError("--data: reconstruction=bernoulli needs binary or grey data; use gaussian");
        }
        this.saltAndPepper = "salt_and_pepper".equals(config.corruption())
                || ("auto".equals(config.corruption()) && bernoulli);
        if (saltAndPepper && !bernoulli) {
            throw new UserError("corruption: salt_and_pepper replaces values by random bits, so it needs a "
                    + "bernoulli reconstruction of binary data; use gaussian");
        }
        this.noise = (float) config.noise();
        Activation act = Activation.parse(config.activation(), "activation");
        this.net = new Mlp(params, "reconstruction", Mlp.widths(dim, config.hidden(), bernoulli ? dim : 2 * dim), act);
    }

    @Override
    public Input input() {
        return bernoulli ? Input.BINARY : Input.REAL;
    }

    /** Whether the reconstruction is Bernoulli (else Gaussian). */
    public boolean bernoulli() {
        return bernoulli;
    }

    /** Σ_{k<K} {@value #WALK_ON}^k: the sum of the walk's weights. */
    static double walkWeights(int k) {
        double w = 0;
        for (int i = 0; i < k; i++) {
            w += Math.pow(WALK_ON, i);
        }
        return w;
    }

    /** A draw of x̃ ~ C(x̃ | x), in {@code x}'s manager. */
    NDArray corrupt(NDArray x) {
        NDManager m = x.getManager();
        if (!saltAndPepper) {
            return x.add(Scalars.times(m.randomNormal(x.getShape()), noise)); // x + σ_c ε
        }
        NDArray replace = m.randomUniform(0f, 1f, x.getShape()).lt(noise).toType(DataType.FLOAT32, false);
        NDArray bits = m.randomUniform(0f, 1f, x.getShape()).lt(0.5f).toType(DataType.FLOAT32, false);
        return x.add(bits.sub(x).mul(replace)); // x where kept, a fair bit where replaced
    }

    /**
     * The parameters of P_θ(x | x̃) for each row of {@code xTilde}: the logits {@code (n, dim)},
     * or the mean and the log-variance (floored at {@value #MIN_LOG_VAR}), each {@code (n, dim)}.
     */
    NDList reconstruction(NDArray xTilde) {
        NDArray out = net.forward(xTilde);
        if (bernoulli) {
            return new NDList(out);
        }
        NDList mv = out.split(new long[] {dim}, 1);
        return new NDList(mv.get(0), Scalars.max(mv.get(1), MIN_LOG_VAR));
    }

    /** log P_θ(x | x̃) per row, from {@link #reconstruction}'s parameters. */
    NDArray logReconstruction(NDArray x, NDList p) {
        return bernoulli ? Gaussian.logBernoulli(x, p.get(0)) : Gaussian.logDensity(x, p.get(0), p.get(1));
    }

    /** A draw of x ~ P_θ(x | x̃) from {@link #reconstruction}'s parameters. */
    NDArray sampleReconstruction(NDList p) {
        NDArray first = p.get(0);
        NDManager m = first.getManager();
        if (bernoulli) {
            NDArray prob = first.getNDArrayInternal().sigmoid();
            return m.randomUniform(0f, 1f, prob.getShape()).lt(prob).toType(DataType.FLOAT32, false);
        }
        NDArray sd = Scalars.times(p.get(1), 0.5f).exp();
        return first.add(sd.mul(m.randomNormal(first.getShape()))); // μ + σ ε
    }

    /** E_θ[x | x̃]: the Bernoulli probabilities, or the Gaussian mean. */
    NDArray reconstructionMean(NDList p) {
        return bernoulli ? p.get(0).getNDArrayInternal().sigmoid() : p.get(0);
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        int k = config.walkback();
        double loss;
        double first;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray walker = x;
            NDArray total = null;
            NDArray firstTerm = null;
            double weights = 0;
            for (int step = 0; step < k; step++) {
                NDList p = reconstruction(corrupt(walker));
                NDArray term = logReconstruction(x, p).mean().neg(); // -log P_θ(x | x̃_k), scored against the clean x
                double weight = Math.pow(WALK_ON, step); // the chance that a randomly stopped walk reaches step k
                weights += weight;
                total = total == null ? term : total.add(Scalars.times(term, weight));
                if (step == 0) {
                    firstTerm = term;
                }
                if (step + 1 < k) {
                    // x*_k ~ P_θ(x | x̃_k): data for the next step, not differentiated through
                    walker = sampleReconstruction(new NDList(p.stream().map(NDArray::stopGradient).toList()));
                }
            }
            NDArray objective = Scalars.over(total, weights);
            Backward.pass(gc, objective);
            loss = objective.getFloat();
            first = firstTerm.getFloat();
        }
        optimizers.step("model", scratch);
        LossParts parts = new LossParts(loss).with("reconstruction", first);
        if (k > 1) {
            parts.with("walkback", (loss * walkWeights(k) - first) / (walkWeights(k) - 1)); // the walk's terms, weighted
        }
        return parts;
    }

    /**
     * Independent starting states: fair random bits for binary data, standard normal values for
     * continuous data.
     */
    @Override
    public NDArray initialState(NDManager manager, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        Shape s = new Shape(n, dim);
        return bernoulli ? manager.randomUniform(0f, 1f, s).lt(0.5f).toType(DataType.FLOAT32, false)
                : manager.randomNormal(s);
    }

    /** One transition: x̃ ~ C(x̃ | x), then x' ~ P_θ(x | x̃). */
    @Override
    public NDArray step(NDArray state) {
        return sampleReconstruction(reconstruction(corrupt(state)));
    }

    @Override
    public NDArray visible(NDArray state) {
        return state.duplicate();
    }

    @Override
    public int defaultSteps() {
        return config.sampleSteps();
    }

    /**
     * Runs {@code n} chains for {@link #defaultSteps()} − 1 transitions, corrupts, and returns the
     * mean of the last reconstruction instead of a draw from it: with the same seeding, the means
     * of the very chains whose draws {@link #sample(NDManager, int)} returns.
     */
    @Override
    public NDArray sampleMeans(NDManager manager, int n) {
        NDArray state = sample(manager, n, defaultSteps() - 1);
        try (NDManager sm = manager.newSubManager()) {
            state.attach(sm);
            NDArray mean = reconstructionMean(reconstruction(corrupt(state)));
            mean.attach(manager);
            return mean;
        }
    }

    /**
     * Engine bytes one row of a transition holds at once: the corruption's draws, each layer's
     * pre-activation and activation, the output and the draw from it.
     */
    @Override
    public long sampleBytesPerRow(int d) {
        long hidden = 0;
        for (int w : config.hidden()) {
            hidden += w;
        }
        return 4L * (2 * hidden + 12L * d + 8);
    }
}
