package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.MaskedDense;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataSpec;

/**
 * Masked autoencoder for distribution estimation: Germain, Gregor, Murray and Larochelle, "MADE:
 * Masked Autoencoder for Distribution Estimation" (ICML 2015), for binary vectors.
 *
 * <p>Model: an MLP whose weights are multiplied by masks, {@code h^l = g(b^l + (W^l ⊙ M^l) h^{l-1})},
 * {@code p(x_d = 1 | x_<d) = sigmoid(c_d + ((V ⊙ M^V) h^L)_d)} (their eqs. 10–11), so output d
 * sees only the inputs before d in an ordering. Each unit k of layer l gets a degree
 * {@code m^l(k) ~ U{min m^{l-1}, ..., D-1}}; {@code M^l_{k,k'} = [m^l(k) ≥ m^{l-1}(k')]} and
 * {@code M^V_{d,k} = [m^0(d) > m^L(k)]} (eqs. 12–13), {@code m^0} being the position of each input
 * in the ordering (1..D).
 *
 * <p>Training is order- and connectivity-agnostic with K mask sets (section 4): step t uses set
 * {@code t mod K}. Likelihood: exact for each mask set, {@code log p_k(x) = Σ_d x_d l_d -
 * softplus(l_d)}; the reported density is the ensemble {@code p(x) = (1/K) Σ_k p_k(x)} (a
 * mixture, hence also exact), computed as {@code logsumexp_k log p_k(x) - log K}. Sampling: D
 * sequential passes per mask set.
 */
public final class Made extends ModelBase<MadeConfig> implements Sampler, ExactDensity {
    private final Activation act;
    private final int n;
    private final List<MaskedDense> layers = new ArrayList<>();
    private final List<NDArray[]> masks = new ArrayList<>(); // per mask set, one (out, in) mask per layer
    private final List<int[]> orders = new ArrayList<>();

    /**
     * Builds the network with fresh parameters from the engine's generator, and the K mask sets
     * from {@code config.maskSeed()} (Java-side, so the masks neither use nor disturb the engine's
     * generator).
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Made(MadeConfig config, DataSpec data, NDManager parent) {
        super("made", Leaf.AUTOREGRESSIVE, config, AutoregressiveChecks.binaryVectors("made", data), parent);
        this.n = data.dim();
        this.act = Activation.parse(config.activation(), "activation");
        int[] hidden = config.hidden();
        int in = n;
        for (int l = 0; l < hidden.length; l++) {
            layers.add(new MaskedDense(params, "hidden." + l, in, hidden[l]));
            in = hidden[l];
        }
        layers.add(new MaskedDense(params, "out", in, n));
        for (int k = 0; k < config.numMasks(); k++) {
            buildMasks(k);
        }
    }

    /** Mask set k: degrees drawn as in Germain et al. section 4, then eqs. 12–13. */
    private void buildMasks(int k) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(config.maskSeed(), "made-mask", k));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (config.orderAgnostic()) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] m0 = new int[n];
        for (int t = 0; t < n; t++) {
            m0[order[t]] = t + 1; // degree = position in the ordering, 1..D
        }
        NDArray[] set = new NDArray[layers.size()];
        int[] prev = m0;
        int[] hidden = config.hidden();
        for (int l = 0; l < hidden.length; l++) {
            int lo = Math.min(min(prev), n - 1);
            int[] deg = new int[hidden[l]];
            for (int j = 0; j < deg.length; j++) {
                deg[j] = n - 1 > lo ? rng.nextInt(lo, n) : lo; // U{min m^{l-1}, ..., D-1}
            }
            set[l] = mask(deg, prev, false);
            prev = deg;
        }
        set[hidden.length] = mask(m0, prev, true);
        masks.add(set);
        orders.add(order);
    }

    /** {@code M[o][i] = out[o] ≥ in[i]}, or {@code >} when {@code strict}, in the model's manager. */
    private NDArray mask(int[] out, int[] in, boolean strict) {
        float[] m = new float[out.length * in.length];
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < in.length; i++) {
                m[o * in.length + i] = (strict ? out[o] > in[i] : out[o] >= in[i]) ? 1f : 0f;
            }
        }
        return manager.create(m, new Shape(out.length, in.length));
    }

    private static int min(int[] a) {
        int m = Integer.MAX_VALUE;
        for (int v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    @Override
    public Input input() {
        return Input.BINARY;
    }

    /** The ordering of mask set {@code k}: the input dimensions in the order they are generated. */
    public int[] order(int k) {
        return orders.get(checkMask(k)).clone();
    }

    /** The number of mask sets K. */
    public int numMasks() {
        return masks.size();
    }

    /** The (out, in) masks of set {@code k}, one per layer (for tests; do not close them). */
    NDArray[] masks(int k) {
        return masks.get(checkMask(k));
    }

    private int checkMask(int k) {
        if (k < 0 || k >= masks.size()) {
            throw new IllegalArgumentException("mask must be in 0.." + (masks.size() - 1) + ", got " + k);
        }
        return k;
    }

    /** The D logits of {@code p(x_d = 1 | x_<d)} under mask set {@code k}; in {@code x}'s manager. */
    NDArray logits(NDArray x, int k) {
        return logits(x, masks.get(k));
    }

    /** The logits under an explicit list of masks (tests use it with a broken mask). */
    NDArray logits(NDArray x, NDArray[] set) {
        NDArray h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).forward(h, set[l]);
            if (l + 1 < layers.size()) {
                h = act.apply(h);
            }
        }
        return h;
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        // A mask set drawn from the engine's generator, which the trainer reseeds every epoch: a
        // resumed run then draws the same sets as an uninterrupted one (a counter would need saving).
        int k = masks.size() == 1 ? 0
                : scratch.randomInteger(0, masks.size(), new Shape(1), ai.djl.ndarray.types.DataType.INT32).getInt();
        return maximumLikelihoodStep(() -> Gaussian.logBernoulli(x, logits(x, k)), optimizers, scratch);
    }

    /** Exact {@code log p_k(x)} under one mask set, {@code (rows,)} nats. */
    public NDArray logProb(NDArray x, int k) {
        AutoregressiveChecks.requireRows(x, n, "x");
        return Gaussian.logBernoulli(x, logits(x, checkMask(k)));
    }

    /** The ensemble: {@code log (1/K) Σ_k p_k(x)}, {@code (rows,)} nats. */
    @Override
    public NDArray logProb(NDArray x) {
        AutoregressiveChecks.requireRows(x, n, "x");
        if (masks.size() == 1) {
            return logProb(x, 0);
        }
        NDList each = new NDList();
        for (int k = 0; k < masks.size(); k++) {
            each.add(Gaussian.logBernoulli(x, logits(x, k)));
        }
        return Gaussian.logSumExp(NDArrays.stack(each, 0), 0).sub((float) Math.log(masks.size()));
    }

    /**
     * Draws from the ensemble: each row picks a mask set uniformly (the mixture's component),
     * then its D values are drawn in that set's ordering.
     */
    @Override
    public NDArray sample(NDManager mgr, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("n must be positive, got " + count);
        }
        int kk = masks.size();
        if (kk == 1) {
            return draw(mgr.zeros(new Shape(count, n), DataType.FLOAT32), null, 0);
        }
        int[] pick = mgr.randomInteger(0, kk, new Shape(count), DataType.INT32).toIntArray();
        NDList groups = new NDList();
        long[] rowOf = new long[count]; // position in the concatenation of each output row
        int pos = 0;
        for (int k = 0; k < kk; k++) {
            int c = 0;
            for (int r = 0; r < count; r++) {
                if (pick[r] == k) {
                    rowOf[r] = pos + c++;
                }
            }
            if (c > 0) {
                groups.add(draw(mgr.zeros(new Shape(c, n), DataType.FLOAT32), null, k));
                pos += c;
            }
        }
        return NDArrays.concat(groups, 0).get(mgr.create(rowOf));
    }

    @Override
    public boolean oneShotSampling() {
        return false;
    }

    /**
     * Completion under mask set 0: keeps the entries of {@code x} where {@code observedMask} is 1
     * and draws the others in that set's ordering ({@link #order}(0)). Exact for
     * {@code p_0(x_unobserved | x_observed)} when the observed entries all come first in that order.
     *
     * @param x {@code (B, n)} values (only the observed ones are read)
     * @param observedMask {@code (B, n)} or {@code (n)} 0/1
     * @param mgr where the result is put
     */
    public NDArray complete(NDArray x, NDArray observedMask, NDManager mgr) {
        AutoregressiveChecks.requireRows(x, n, "x");
        NDArray start = AutoregressiveChecks.floatCopy(x, mgr);
        return draw(start, AutoregressiveChecks.broadcastMask(observedMask, x.getShape(), mgr), 0);
    }

    /**
     * D sequential passes under mask set k; writes into {@code x} (not a parameter) and returns it.
     * Each pass runs in its own sub-manager that borrows {@code x}, so its temporaries are freed
     * at once.
     */
    private NDArray draw(NDArray x, NDArray obs, int k) {
        int rows = (int) x.getShape().get(0);
        NDManager m = x.getManager();
        NDArray u = m.randomUniform(0f, 1f, new Shape(rows, n));
        for (int d : orders.get(k)) {
            try (NDManager step = m.newSubManager()) {
                step.tempAttachAll(x, u);
                if (obs != null) {
                    step.tempAttachAll(obs);
                }
                NDIndex col = new NDIndex(":, {}", d);
                NDArray p = logits(x, k).get(col).getNDArrayInternal().sigmoid();
                NDArray xd = u.get(col).lt(p).toType(DataType.FLOAT32, false);
                if (obs != null) {
                    xd = NDArrays.where(obs.get(col), x.get(col), xd);
                }
                x.set(col, xd);
            }
        }
        u.close();
        return x;
    }
}
