package org.genzoo.explicit.approximate.markov;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.genzoo.core.Annealable;
import org.genzoo.core.Backward;
import org.genzoo.core.ExactPartition;
import org.genzoo.core.Init;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.ModelBase;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataSpec;

/**
 * What the binary and the Gaussian–Bernoulli RBM share: a bipartite graph of visible units v
 * and binary hidden units h with weights {@code W (nv, nh)}, block Gibbs sampling
 * (h ~ p(h | v), then v ~ p(v | h)), and the training step of contrastive divergence.
 *
 * <p>Training. The log-likelihood gradient of an energy model with free energy F is
 * {@code ∂log p(v)/∂θ = -∂F(v)/∂θ + E_model[∂F/∂θ]} (Hinton 2002, eq. 5 with the hidden units
 * summed out). The step minimises the surrogate {@code mean_data F(v) - mean_neg F(v⁻)} with the
 * negative samples v⁻ held fixed, whose gradient is exactly that estimate with the sign turned:
 * CD-k (Hinton 2002) takes v⁻ after k Gibbs steps from the data; persistent CD (Tieleman 2008)
 * takes them from chains that carry over from one update to the next. The update is the run's
 * optimiser: SGD with momentum as in Hinton's practical guide (2010, sections 9–10), with L2
 * weight decay on W added to the surrogate. Using the free energy rather than sampled hidden
 * states in both phases is the guide's advice (section 3.3: probabilities for the statistics).
 *
 * <p>The persistent chains are a buffer of the model ({@code chains}), so a checkpoint holds
 * them and a resumed run continues them exactly.
 *
 * @param <C> the model's hyperparameter record
 */
public abstract class RbmBase<C extends Record> extends ModelBase<C>
        implements MarkovChainSampler, ExactPartition, Annealable {
    /** Number of visible units. */
    protected final int nv;
    /** Number of hidden units. */
    protected final int nh;
    /** {@code (nv, nh)} weights. */
    protected final NDArray w;
    /** {@code (nv,)} visible biases. */
    protected final NDArray b;
    /** {@code (nh,)} hidden biases. */
    protected final NDArray c;
    private final Cd cd;
    private final NDArray chains; // (chains, nv) persistent negative states, or null for CD-k

    /**
     * How the model is trained and sampled.
     *
     * @param k Gibbs steps per negative phase
     * @param persistent PCD rather than CD-k
     * @param chains number of persistent chains
     * @param weightDecay L2 coefficient on W
     * @param initStd standard deviation of the initial weights
     * @param sampleSteps default chain length of {@code sample}
     */
    protected record Cd(int k, boolean persistent, int chains, double weightDecay, double initStd,
            int sampleSteps) {}

    /** Creates W, b, c (in that order) and, for PCD, the chains, drawn from the engine's generator. */
    protected RbmBase(String kind, C config, DataSpec data, NDManager parent, int hidden, Cd cd) {
        super(kind, Leaf.MARKOV_CHAIN_EXPLICIT, config, data, parent);
        this.nv = data.dim();
        this.nh = hidden;
        this.cd = cd;
        this.w = params.create("W", new Shape(nv, nh), Init.normal((float) cd.initStd()));
        this.b = params.create("b", new Shape(nv), Init.zeros());
        this.c = params.create("c", new Shape(nh), Init.zeros());
        this.chains = cd.persistent()
                ? params.createBuffer("chains", new Shape(cd.chains(), nv), (m, s, t) -> {
                    try (NDManager tmp = m.newSubManager()) {
                        NDArray v = chainStart(tmp, s).toType(t, false);
                        v.attach(m);
                        return v;
                    }
                })
                : null;
    }

    /** The free energy {@code F(v) = -log Σ_h exp(-E(v, h))}, {@code (B,)} for {@code (B, nv)}. */
    public abstract NDArray freeEnergy(NDArray v);

    /** Inputs to the hidden units, {@code c + (v-term) W}, {@code (B, nh)}. */
    protected abstract NDArray hiddenLogits(NDArray v);

    /** A draw of v ~ p(v | h) for {@code (B, nh)} hidden states. */
    protected abstract NDArray sampleVisible(NDArray h);

    /** E[v | h], {@code (B, nv)}: the reconstruction. */
    protected abstract NDArray visibleMean(NDArray h);

    /** Starting visible states for {@code sample}'s chains, drawn from the engine's generator. */
    protected abstract NDArray randomVisible(NDManager m, int n);

    /**
     * Starting states of the persistent chains, of shape {@code s}. Called while the base class
     * is being constructed, so it must not read the subclass's fields.
     */
    protected abstract NDArray chainStart(NDManager m, Shape s);

    /** {@code a}'s transpose in {@code m} (a parameter's transpose would otherwise stay in the model's manager). */
    protected static NDArray transposed(NDArray a, NDManager m) {
        NDArray t = a.transpose();
        t.attach(m);
        return t;
    }

    /** Number of hidden units. */
    public int hidden() {
        return nh;
    }

    /** A draw of h ~ p(h | v): independent Bernoulli(sigmoid(hiddenLogits)). */
    protected NDArray sampleHidden(NDArray v) {
        return bernoulli(hiddenLogits(v).getNDArrayInternal().sigmoid());
    }

    /** {@code [u < p]} with u uniform: a Bernoulli draw per entry, float32 0/1. */
    protected static NDArray bernoulli(NDArray p) {
        return p.getManager().randomUniform(0f, 1f, p.getShape()).lt(p).toType(DataType.FLOAT32, false);
    }

    /** {@code k} block Gibbs steps v → h → v from {@code v}; every array in {@code v}'s manager. */
    public NDArray gibbs(NDArray v, int k) {
        NDArray x = v;
        for (int t = 0; t < k; t++) {
            x = sampleVisible(sampleHidden(x));
        }
        return x;
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        // reconstruction error: one up-down pass from the data, E[v | h ~ p(h | x)], squared error per example
        NDArray h0 = sampleHidden(x);
        double recon = visibleMean(h0).sub(x).square().sum(new int[] {1}).mean().getFloat();
        NDArray neg;
        if (chains != null) {
            NDArray start = chains.duplicate();
            start.attach(scratch);
            neg = gibbs(start, cd.k());
            chains.muli(scratch.zeros(new Shape(1))).addi(neg); // the chains are model state: updated in place, saved with the parameters
        } else {
            neg = gibbs(sampleVisible(h0), cd.k() - 1); // the first step shares h0 with the reconstruction
        }
        double gap;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray surrogate = freeEnergy(x).mean().sub(freeEnergy(neg).mean());
            NDArray loss = surrogate;
            if (cd.weightDecay() > 0) {
                NDArray w2 = w.square();
                w2.attach(scratch); // ops on a parameter put their result in the model's manager
                loss = surrogate.add(Scalars.times(w2.sum(), 0.5f * (float) cd.weightDecay()));
            }
            Backward.pass(gc, loss);
            gap = surrogate.getFloat();
        }
        optimizers.step("model", scratch);
        return new LossParts(recon).with("reconstruction", recon).with("free_energy_gap", gap);
    }

    @Override
    public NDArray energy(NDArray x) {
        return freeEnergy(x);
    }

    @Override
    public NDArray initialState(NDManager manager, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return randomVisible(manager, n);
    }

    @Override
    public NDArray step(NDArray state) {
        return gibbs(state, 1);
    }

    @Override
    public NDArray visible(NDArray state) {
        return state.duplicate();
    }

    @Override
    public int defaultSteps() {
        return cd.sampleSteps();
    }

    @Override
    public long sampleBytesPerRow(int dim) {
        return 4L * 8 * (dim + nh); // a few (row, nv) and (row, nh) float arrays per Gibbs step
    }

    /** Copies of the parameters in float64, in {@code m}. */
    protected NDArray f64(NDArray p, NDManager m) {
        return copy(p, DataType.FLOAT64, m);
    }

    /** Copies of the parameters in float32, in {@code m}. */
    protected NDArray f32(NDArray p, NDManager m) {
        return copy(p, DataType.FLOAT32, m);
    }

    private static NDArray copy(NDArray p, DataType type, NDManager m) {
        NDArray d = p.toType(type, true);
        d.attach(m);
        return d;
    }

    /**
     * Checks the data mean an annealing path is fitted to, and opens the manager the path keeps
     * its copies in (freed with the model).
     */
    protected NDManager pathManager(NDArray dataMean) {
        if (dataMean.getShape().dimension() != 1 || dataMean.getShape().get(0) != nv) {
            throw new IllegalArgumentException("dataMean must have shape (" + nv + "), got " + dataMean.getShape());
        }
        return manager.newSubManager();
    }

    /** Validates the settings both RBM configs share, naming each. */
    static void checkSettings(int hidden, int cd, int chains, double weightDecay, double initStd, int sampleSteps) {
        if (hidden < 1) {
            throw new UserError("hidden: expected a positive whole number, got " + hidden);
        }
        if (cd < 1) {
            throw new UserError("cd: expected a positive whole number of Gibbs steps, got " + cd);
        }
        if (chains < 1) {
            throw new UserError("chains: expected a positive whole number, got " + chains);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new UserError("weightDecay: expected 0 or a positive number, got " + weightDecay);
        }
        if (!(initStd > 0) || !Double.isFinite(initStd)) {
            throw new UserError("initStd: expected a positive number, got " + initStd);
        }
        if (sampleSteps < 0) {
            throw new UserError("sampleSteps: expected 0 or more, got " + sampleSteps);
        }
    }
}
