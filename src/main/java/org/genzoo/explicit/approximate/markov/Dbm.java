package org.genzoo.explicit.approximate.markov;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.OptionalDouble;
import org.genzoo.core.Annealable;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Backward;
import org.genzoo.core.ExactPartition;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.ModelBase;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Scalars;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Deep Boltzmann machine with two hidden layers of binary units: Salakhutdinov and Hinton, "Deep
 * Boltzmann Machines" (AISTATS 2009).
 *
 * <p>Model (their eq. 1, with biases): {@code E(v,h1,h2) = -v'W1 h1 - h1'W2 h2 - bv'v - b1'h1 - b2'h2},
 * {@code p(v) = Σ_{h1,h2} exp(-E) / Z}. Given h1, v and h2 are independent, and h1 given both its
 * neighbours is {@code σ(W1'v + W2 h2 + b1)} (their eq. 9-11), so a Gibbs sweep alternates (v, h2) | h1
 * and h1 | (v, h2).
 *
 * <p>Training, in three phases counted in optimiser steps (the count is a buffer, saved in the
 * checkpoint): (1) the first modified RBM (v, h1) with the bottom-up input doubled,
 * {@code p(h1|v) = σ(2 W1'v + b1)}, by CD-k; (2) the second modified RBM (h1, h2) with the top-down
 * input doubled, {@code p(h1|h2) = σ(2 W2 h2 + b1)}, on samples of the first RBM's posterior (section
 * 3.1: composed, each h1 then gets half its input from each side, which undoes the doubling); (3) joint
 * training (section 3, algorithm 1): the data term from the mean-field fixed point
 * {@code μ1 = σ(W1'v + W2 μ2 + b1)}, {@code μ2 = σ(W2'μ1 + b2)} (eq. 7), the model term from
 * persistent Gibbs chains (Tieleman 2008), which are a buffer too, so {@code --resume} continues them.
 * The gradient of a Boltzmann machine is a difference of statistics, not a backward pass; it reaches
 * the one trainer's optimisers through a linear surrogate ⟨G, θ⟩ whose gradient is G (see
 * {@link #ascend}).
 *
 * <p>Likelihood: an estimate. {@link #energy} is the mean-field bound
 * {@code F_mf(v) = -(E_q[-E(v,h)] + H(q)) ≥ F(v)} (eq. 6), so {@code -F_mf(v) - log Z ≤ log p(v)}
 * given log Z, which AIS estimates along {@link #annealingPath} (section 3.2) or, for tiny models,
 * {@link #exactLogPartition} computes. S&amp;H report 84.62 nats on MNIST for 500-1000 units.
 */
public final class Dbm extends ModelBase<DbmConfig> implements MarkovChainSampler, ExactPartition, Annealable {
    private static final int ENUMERATION_CHUNK = 4096;
    private final int nv;
    private final int n1;
    private final int n2;
    private final NDArray w1; // (nv, n1)
    private final NDArray w2; // (n1, n2)
    private final NDArray bv; // (nv)
    private final NDArray b1; // (n1)
    private final NDArray b2; // (n2)
    private final NDArray chains; // buffer (chains, nv + n1 + n2): the persistent Gibbs states
    private final NDArray pretrained; // buffer (1): pretraining steps taken, stops at 2 · pretrainSteps

    /**
     * Builds the model with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Dbm(DbmConfig config, DataSpec data, NDManager parent) {
        super("dbm", Leaf.MARKOV_CHAIN_EXPLICIT, config, data, parent);
        if (data.kind() == DataKind.CONTINUOUS) {
            manager.close();
            throw new UserError("--data: dbm has binary visible units and takes binary or grey data; this data is "
                    + "continuous");
        }
        nv = data.dim();
        n1 = config.hidden1();
        n2 = config.hidden2();
        // N(0, 0.01²) weights and zero biases: Hinton's practical guide (2010), section 8
        w1 = params.create("w1", new Shape(nv, n1), Init.normal(0.01f));
        w2 = params.create("w2", new Shape(n1, n2), Init.normal(0.01f));
        bv = params.create("bv", new Shape(nv), Init.zeros());
        b1 = params.create("b1", new Shape(n1), Init.zeros());
        b2 = params.create("b2", new Shape(n2), Init.zeros());
        chains = params.createBuffer("chains", new Shape(config.chains(), nv + n1 + n2), (m, s, t) -> {
            try (NDManager tmp = m.newSubManager()) {
                NDArray c = bernoulli(tmp.full(s, 0.5f, t));
                c.attach(m);
                return c;
            }
        });
        pretrained = params.createBuffer("pretrained_steps", new Shape(1), Init.zeros());
    }

    @Override
    public Input input() {
        return Input.BINARY;
    }

    // ---------------------------------------------------------------- helpers

    /** {@code a}, moved to {@code m}: model-side operands put their results in the model's manager. */
    private static NDArray in(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    private static NDArray sigmoid(NDArray a) {
        return Activation.sigmoid(a);
    }

    /** Independent Bernoulli draws with probabilities {@code p}, in {@code p}'s manager and type. */
    private static NDArray bernoulli(NDArray p) {
        NDArray u = p.getManager().randomUniform(0f, 1f, p.getShape(), p.getDataType());
        return u.lt(p).toType(p.getDataType(), false);
    }

    /** Σ over units of the entropy of Bernoulli(σ(a)) with μ = σ(a): softplus(a) − μ a. */
    private static NDArray entropy(NDArray a, NDArray mu) {
        return Activation.softPlus(a).sub(mu.mul(a)).sum(new int[] {1});
    }

    /** The value of a one-element array of either floating type. */
    private static double scalar(NDArray a) {
        try (NDArray d = a.toType(DataType.FLOAT64, false)) {
            return d.getDouble();
        }
    }

    private static NDArray rowDot(NDArray x, NDArray bias) {
        return x.mul(bias).sum(new int[] {1});
    }

    private static NDArray cols(NDArray s, int from, int to) {
        return s.get(new NDIndex(":, {}:{}", from, to));
    }

    // ---------------------------------------------------------------- inference

    /**
     * The mean-field fixed point of q(h1) q(h2) for the rows of {@code v} (S&amp;H eq. 7), started,
     * as in their code, from the doubled bottom-up pass. Coordinate ascent on the bound, so each
     * sweep raises it.
     *
     * @return {μ1, μ2, a1, a2}: the marginals and their logits, μ = σ(a), in {@code v}'s manager
     */
    NDArray[] meanField(NDArray v) {
        NDManager m = v.getManager();
        NDArray w2t = in(w2.transpose(), m);
        NDArray vw = v.matMul(w1); // (b, n1)
        NDArray up = vw.add(b1);
        NDArray a1 = Scalars.times(vw, 2f).add(b1); // the doubled bottom-up pass
        NDArray mu1 = sigmoid(a1);
        NDArray a2 = mu1.matMul(w2).add(b2);
        NDArray mu2 = sigmoid(a2);
        for (int i = 0; i < config.meanFieldIters(); i++) {
            NDArray a1n = up.add(mu2.matMul(w2t));
            NDArray mu1n = sigmoid(a1n);
            NDArray a2n = mu1n.matMul(w2).add(b2);
            NDArray mu2n = sigmoid(a2n);
            double change = config.meanFieldTol() > 0
                    ? Math.max(scalar(mu1n.sub(mu1).abs().max()), scalar(mu2n.sub(mu2).abs().max()))
                    : Double.POSITIVE_INFINITY;
            a1 = a1n;
            mu1 = mu1n;
            a2 = a2n;
            mu2 = mu2n;
            if (change < config.meanFieldTol()) {
                break;
            }
        }
        return new NDArray[] {mu1, mu2, a1, a2};
    }

    /** −F_mf(v) = E_q[−E(v,h)] + H(q) (S&amp;H eq. 6) at the given marginals; {@code (b,)}. */
    private NDArray negFreeEnergyBound(NDArray v, NDArray[] q) {
        NDArray mu1 = q[0];
        NDArray mu2 = q[1];
        return v.matMul(w1).mul(mu1).sum(new int[] {1})
                .add(mu1.matMul(w2).mul(mu2).sum(new int[] {1}))
                .add(rowDot(v, bv)).add(rowDot(mu1, b1)).add(rowDot(mu2, b2))
                .add(entropy(q[2], mu1)).add(entropy(q[3], mu2));
    }

    /**
     * The mean-field upper bound F_mf(v) on the free energy F(v) = −log Σ_h exp(−E(v,h)), at the
     * fixed point of {@link #meanField}. {@code −F_mf(v) − log Z} is the variational lower bound on
     * log p(v).
     */
    @Override
    public NDArray energy(NDArray x) {
        return negFreeEnergyBound(x, meanField(x)).neg();
    }

    /** The energy is a mean-field bound on the free energy, not the free energy itself. */
    @Override
    public boolean exactEnergy() {
        return false;
    }

    /**
     * The variational lower bound on log p(x) per row, {@code −F_mf(x) − log Z}, given log Z.
     *
     * @param logZ the log partition function (exact, or an AIS estimate, which makes the figure an
     *     estimate)
     */
    public NDArray lowerBound(NDArray x, double logZ) {
        return energy(x).neg().sub((float) logZ);
    }

    /**
     * The exact unnormalised log marginal {@code log Σ_{h1,h2} exp(−E(v,h1,h2))} per row, by
     * enumerating h2 (2^hidden2 terms) with h1 summed analytically: for tiny models and tests.
     */
    public NDArray exactLogUnnormalised(NDArray v) {
        if (n2 > 16) {
            throw new IllegalArgumentException("hidden2 = " + n2 + " is too many units to enumerate (at most 16)");
        }
        NDManager m = v.getManager();
        NDArray h2 = allBinary(m, n2, 0, 1L << n2); // (K, n2)
        NDArray top = h2.matMul(in(w2.transpose(), m)); // (K, n1)
        NDArray a = v.matMul(w1).add(b1).expandDims(1).add(top.expandDims(0)); // (b, K, n1)
        NDArray terms = Activation.softPlus(a).sum(new int[] {2}).add(rowDot(h2, b2).expandDims(0)); // (b, K)
        NDArray mx = terms.max(new int[] {1}, true);
        return terms.sub(mx).exp().sum(new int[] {1}).log().add(mx.squeeze(1)).add(rowDot(v, bv));
    }

    // ---------------------------------------------------------------- training

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        int p = config.pretrainSteps();
        int done = (int) scalar(pretrained);
        double loss;
        int phase;
        if (done < 2 * p) {
            phase = done < p ? 1 : 2;
            loss = phase == 1 ? pretrainFirst(x, optimizers, scratch) : pretrainSecond(x, optimizers, scratch);
            pretrained.addi(scratch.ones(new Shape(1), pretrained.getDataType()));
        } else {
            phase = 3;
            loss = joint(x, optimizers, scratch);
        }
        return new LossParts(loss).with("phase", phase);
    }

    /**
     * Phase 1: CD-k on the first modified RBM, p(h1|v) = σ(2 W1'v + b1), p(v|h1) = σ(W1 h1 + bv).
     * As in Hinton's guide, hidden probabilities enter the statistics and the last reconstruction
     * is a probability.
     *
     * @return the mean squared reconstruction error, summed over the visible units
     */
    private double pretrainFirst(NDArray x, OptimizerSet opt, NDManager sm) {
        NDArray w1t = in(w1.transpose(), sm);
        NDArray ph = sigmoid(Scalars.times(x.matMul(w1), 2f).add(b1));
        NDArray h = bernoulli(ph);
        NDArray vk = x;
        NDArray phk = ph;
        for (int k = 0; k < config.pretrainCdK(); k++) {
            NDArray pv = sigmoid(h.matMul(w1t).add(bv));
            vk = k == config.pretrainCdK() - 1 ? pv : bernoulli(pv);
            phk = sigmoid(Scalars.times(vk.matMul(w1), 2f).add(b1));
            h = bernoulli(phk);
        }
        float b = x.getShape().get(0);
        NDArray gw1 = Scalars.over(x.transpose().matMul(ph).sub(vk.transpose().matMul(phk)), b)
                .sub(in(Scalars.times(w1, (float) config.pretrainWeightDecay()), sm));
        NDArray gbv = x.sub(vk).mean(new int[] {0});
        NDArray gb1 = ph.sub(phk).mean(new int[] {0});
        float f = (float) config.pretrainLrFactor();
        ascend(new NDArray[] {Scalars.times(gw1, f), sm.zeros(w2.getShape(), w2.getDataType()), Scalars.times(gbv, f), Scalars.times(gb1, f),
                sm.zeros(b2.getShape(), b2.getDataType())}, opt, sm);
        return scalar(x.sub(vk).square().sum(new int[] {1}).mean());
    }

    /**
     * Phase 2: CD-k on the second modified RBM over (h1, h2), p(h2|h1) = σ(W2'h1 + b2),
     * p(h1|h2) = σ(2 W2 h2 + b1), on h1 drawn from the first RBM's posterior. b1 is the first RBM's
     * and is left as phase 1 fitted it.
     *
     * @return the mean squared reconstruction error of h1, summed over its units
     */
    private double pretrainSecond(NDArray x, OptimizerSet opt, NDManager sm) {
        NDArray w2t = in(w2.transpose(), sm);
        NDArray h1 = bernoulli(sigmoid(Scalars.times(x.matMul(w1), 2f).add(b1)));
        NDArray p2 = sigmoid(h1.matMul(w2).add(b2));
        NDArray h2 = bernoulli(p2);
        NDArray h1k = h1;
        NDArray p2k = p2;
        for (int k = 0; k < config.pretrainCdK(); k++) {
            NDArray p1 = sigmoid(Scalars.times(h2.matMul(w2t), 2f).add(b1));
            h1k = k == config.pretrainCdK() - 1 ? p1 : bernoulli(p1);
            p2k = sigmoid(h1k.matMul(w2).add(b2));
            h2 = bernoulli(p2k);
        }
        float b = x.getShape().get(0);
        NDArray gw2 = Scalars.over(h1.transpose().matMul(p2).sub(h1k.transpose().matMul(p2k)), b)
                .sub(in(Scalars.times(w2, (float) config.pretrainWeightDecay()), sm));
        NDArray gb2 = p2.sub(p2k).mean(new int[] {0});
        float f = (float) config.pretrainLrFactor();
        ascend(new NDArray[] {sm.zeros(w1.getShape(), w1.getDataType()), Scalars.times(gw2, f),
                sm.zeros(bv.getShape(), bv.getDataType()), sm.zeros(b1.getShape(), b1.getDataType()), Scalars.times(gb2, f)},
                opt, sm);
        return scalar(h1.sub(h1k).square().sum(new int[] {1}).mean());
    }

    /**
     * Phase 3, S&amp;H algorithm 1: data statistics from the mean-field marginals, model statistics
     * from the persistent chains after {@code gibbsSteps} sweeps.
     *
     * @return the batch mean of the mean-field bound F_mf(x) on the free energy (nats, before log Z)
     */
    private double joint(NDArray x, OptimizerSet opt, NDManager sm) {
        NDArray[] q = meanField(x);
        NDArray mu1 = q[0];
        NDArray mu2 = q[1];
        NDArray s = in(chains.duplicate(), sm);
        for (int k = 0; k < config.gibbsSteps(); k++) {
            s = step(s);
        }
        NDArray v = cols(s, 0, nv);
        NDArray h1 = cols(s, nv, nv + n1);
        NDArray h2 = cols(s, nv + n1, nv + n1 + n2);
        float b = x.getShape().get(0);
        float c = s.getShape().get(0);
        NDArray gw1 = Scalars.over(x.transpose().matMul(mu1), b).sub(Scalars.over(v.transpose().matMul(h1), c))
                .sub(in(Scalars.times(w1, (float) config.weightDecay()), sm));
        NDArray gw2 = Scalars.over(mu1.transpose().matMul(mu2), b).sub(Scalars.over(h1.transpose().matMul(h2), c))
                .sub(in(Scalars.times(w2, (float) config.weightDecay()), sm));
        NDArray gbv = x.mean(new int[] {0}).sub(v.mean(new int[] {0}));
        NDArray gb1 = mu1.mean(new int[] {0}).sub(h1.mean(new int[] {0}));
        NDArray gb2 = mu2.mean(new int[] {0}).sub(h2.mean(new int[] {0}));
        double bound = scalar(negFreeEnergyBound(x, q).mean());
        ascend(new NDArray[] {gw1, gw2, gbv, gb1, gb2}, opt, sm);
        // in place: the chains are model state, saved with the parameters
        chains.muli(sm.zeros(new Shape(1), chains.getDataType())).addi(s);
        return -bound;
    }

    /**
     * Hands the ascent directions {@code g} (for w1, w2, bv, b1, b2) to the optimisers as the
     * gradient of the surrogate loss −Σ⟨g_i, θ_i⟩, whose gradient is exactly −g_i; then steps. The
     * directions carry no graph, so the surrogate's backward pass is one multiply per parameter.
     */
    private void ascend(NDArray[] g, OptimizerSet opt, NDManager sm) {
        NDArray[] theta = {w1, w2, bv, b1, b2};
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray surrogate = null;
            for (int i = 0; i < theta.length; i++) {
                NDArray t = g[i].mul(theta[i]).sum(); // g first: the product lands in the step's manager
                surrogate = surrogate == null ? t : surrogate.add(t);
            }
            Backward.pass(gc, surrogate.neg());
        }
        opt.step("model", sm);
    }

    // ---------------------------------------------------------------- sampling

    @Override
    public NDArray initialState(NDManager m, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return bernoulli(m.full(new Shape(n, nv + n1 + n2), 0.5f, params.type()));
    }

    /** One Gibbs sweep: (v, h2) given h1, then h1 given (v, h2). */
    @Override
    public NDArray step(NDArray state) {
        NDManager m = state.getManager();
        NDArray h1 = cols(state, nv, nv + n1);
        NDArray v = bernoulli(sigmoid(h1.matMul(in(w1.transpose(), m)).add(bv)));
        NDArray h2 = bernoulli(sigmoid(h1.matMul(w2).add(b2)));
        h1 = bernoulli(sigmoid(v.matMul(w1).add(h2.matMul(in(w2.transpose(), m))).add(b1)));
        return v.concat(h1, 1).concat(h2, 1);
    }

    @Override
    public NDArray visible(NDArray state) {
        return cols(state, 0, nv);
    }

    @Override
    public int defaultSteps() {
        return config.sampleSteps();
    }

    @Override
    public long sampleBytesPerRow(int dim) {
        return 64L * (nv + n1 + n2) * Math.max(1, params.type().getNumOfBytes());
    }

    // ---------------------------------------------------------------- partition function

    /** Rows {@code from..to-1} of the enumeration of {0,1}^n, row c holding the bits of c (bit d in column d). */
    private NDArray allBinary(NDManager m, int n, long from, long to) {
        int rows = (int) (to - from);
        float[] bits = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            long c = from + r;
            for (int d = 0; d < n; d++) {
                bits[r * n + d] = (c >> d) & 1;
            }
        }
        return m.create(bits, new Shape(rows, n)).toType(params.type(), false);
    }

    /** Number of terms of the cheaper enumeration of log Z. */
    private long enumerationTerms() {
        int outer = nv + n2;
        int bits = Math.min(outer, n1);
        return bits >= 62 ? Long.MAX_VALUE : 1L << bits;
    }

    @Override
    public OptionalDouble exactLogPartition(long maxTerms) {
        if (enumerationTerms() > maxTerms) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(n1 <= nv + n2 ? logPartitionOverH1() : logPartitionOverVisibleAndTop());
    }

    /**
     * log Z by enumerating h1, with v and h2 summed analytically (they are independent given h1):
     * {@code Σ_h1 exp(b1'h1) Π_i (1 + e^{(W1 h1 + bv)_i}) Π_k (1 + e^{(W2'h1 + b2)_k})}.
     */
    double logPartitionOverH1() {
        double[] acc = {Double.NEGATIVE_INFINITY, 0};
        for (long from = 0; from < (1L << n1); from += ENUMERATION_CHUNK) {
            try (NDManager m = manager.newSubManager()) {
                NDArray h1 = allBinary(m, n1, from, Math.min(1L << n1, from + ENUMERATION_CHUNK));
                NDArray t = rowDot(h1, b1)
                        .add(Activation.softPlus(h1.matMul(in(w1.transpose(), m)).add(bv)).sum(new int[] {1}))
                        .add(Activation.softPlus(h1.matMul(w2).add(b2)).sum(new int[] {1}));
                accumulate(acc, t.toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        return acc[0] + Math.log(acc[1]);
    }

    /**
     * log Z by enumerating (v, h2), with h1 summed analytically:
     * {@code Σ_{v,h2} exp(bv'v + b2'h2) Π_j (1 + e^{(W1'v + W2 h2 + b1)_j})}.
     */
    double logPartitionOverVisibleAndTop() {
        int n = nv + n2;
        double[] acc = {Double.NEGATIVE_INFINITY, 0};
        for (long from = 0; from < (1L << n); from += ENUMERATION_CHUNK) {
            try (NDManager m = manager.newSubManager()) {
                NDArray s = allBinary(m, n, from, Math.min(1L << n, from + ENUMERATION_CHUNK));
                accumulate(acc, path(null).logUnnormalised(s, 1.0).toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        return acc[0] + Math.log(acc[1]);
    }

    /** A running log Σ exp over chunks, kept as {max, Σ exp(t − max)} in double precision. */
    private static void accumulate(double[] acc, double[] terms) {
        for (double t : terms) {
            if (t > acc[0]) {
                acc[1] = acc[1] * Math.exp(acc[0] - t) + 1;
                acc[0] = t;
            } else {
                acc[1] += Math.exp(t - acc[0]);
            }
        }
    }

    // ---------------------------------------------------------------- AIS

    /**
     * The AIS path of S&amp;H (2009, section 3.2) on the state s = (v, h2) with h1 summed out: the
     * energies are interpolated, {@code E_β = (1−β) E_0 + β E}, with the base
     * {@code E_0(v,h1,h2) = −bA'v} (independent visible units whose marginals match the data, both
     * hidden layers uniform), so {@code log f_β(v,h2) = (1−β) bA'v + β (bv'v + b2'h2)
     * + Σ_j softplus(β (W1'v + W2 h2 + b1)_j)} and {@code log Z_0 = Σ_i softplus(bA_i)
     * + (n1 + n2) log 2}. The transition is a Gibbs sweep at β: h1 | (v, h2), then (v, h2) | h1.
     */
    @Override
    public AnnealingPath annealingPath(NDArray dataMean) {
        if (dataMean == null || dataMean.size() != nv) {
            throw new IllegalArgumentException("dataMean must hold " + nv + " values");
        }
        // the base's logits, clipped so that a pixel never on in the data keeps a finite logit
        try (NDManager tmp = manager.newSubManager()) {
            NDArray p = in(dataMean.toType(params.type(), true).reshape(nv), tmp).clip(1e-3, 1 - 1e-3);
            NDArray logits = p.log().sub(p.neg().add(1f).log());
            logits.attach(manager);
            return path(logits);
        }
    }

    private AnnealingPath path(NDArray baseLogits) {
        return new AnnealingPath() {
            @Override
            public NDArray sampleBase(NDManager m, int runs) {
                NDArray pv = in(sigmoid(baseLogits), m).expandDims(0).repeat(0, runs);
                NDArray v = bernoulli(pv);
                NDArray h2 = bernoulli(m.full(new Shape(runs, n2), 0.5f, params.type()));
                return v.concat(h2, 1);
            }

            @Override
            public double baseLogPartition() {
                try (NDManager m = manager.newSubManager()) {
                    return in(Activation.softPlus(baseLogits), m).toType(DataType.FLOAT64, false).sum().getDouble()
                            + (n1 + n2) * Math.log(2);
                }
            }

            @Override
            public NDArray logUnnormalised(NDArray state, double beta) {
                float bt = (float) beta;
                NDManager m = state.getManager();
                NDArray v = cols(state, 0, nv);
                NDArray h2 = cols(state, nv, nv + n2);
                NDArray a = v.matMul(w1).add(h2.matMul(in(w2.transpose(), m))).add(b1);
                NDArray out = Activation.softPlus(Scalars.times(a, bt)).sum(new int[] {1})
                        .add(Scalars.times(rowDot(v, bv).add(rowDot(h2, b2)), bt));
                return baseLogits == null || bt == 1f ? out : out.add(Scalars.times(rowDot(v, baseLogits), 1 - bt));
            }

            /**
             * The AIS increment with the total input a = W1'v + W2 h2 + b1 computed once for both
             * temperatures, in float64:
             * {@code (β−β')(bv'v + b2'h2 − bA'v) + Σ_j softplus(β a_j) − softplus(β' a_j)}.
             */
            @Override
            public NDArray logRatio(NDArray state, double beta, double previous) {
                NDManager m = state.getManager();
                NDArray v = cols(state, 0, nv);
                NDArray h2 = cols(state, nv, nv + n2);
                NDArray a = v.matMul(w1).add(h2.matMul(in(w2.transpose(), m))).add(b1).toType(DataType.FLOAT64, false);
                NDArray linear = rowDot(v, bv).add(rowDot(h2, b2)).sub(rowDot(v, baseLogits))
                        .toType(DataType.FLOAT64, false);
                return Activation.softPlus(Scalars.times(a, beta)).sub(Activation.softPlus(Scalars.times(a, previous))).sum(new int[] {1})
                        .add(Scalars.times(linear, beta - previous));
            }

            @Override
            public NDArray transition(NDArray state, double beta) {
                float bt = (float) beta;
                NDManager m = state.getManager();
                NDArray v = cols(state, 0, nv);
                NDArray h2 = cols(state, nv, nv + n2);
                NDArray h1 = bernoulli(sigmoid(
                        Scalars.times(v.matMul(w1).add(h2.matMul(in(w2.transpose(), m))).add(b1), bt)));
                NDArray av = Scalars.times(h1.matMul(in(w1.transpose(), m)).add(bv), bt);
                if (bt != 1f) {
                    av = av.add(in(Scalars.times(baseLogits, 1 - bt), m));
                }
                NDArray vn = bernoulli(sigmoid(av));
                NDArray h2n = bernoulli(sigmoid(Scalars.times(h1.matMul(w2).add(b2), bt)));
                return vn.concat(h2n, 1);
            }
        };
    }
}
