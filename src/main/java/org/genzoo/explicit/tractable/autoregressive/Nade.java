package org.genzoo.explicit.tractable.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Batches;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.ModelBase;
import org.genzoo.core.LossParts;
import org.genzoo.core.Sampler;
import org.genzoo.core.nn.Activation;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataSpec;

/**
 * Neural autoregressive distribution estimator: Larochelle and Murray, "The Neural Autoregressive
 * Distribution Estimator" (AISTATS 2011), for binary vectors.
 *
 * <p>Model (their eqs. 2–3, with the shared weights that make it a NADE):
 * {@code p(x) = Π_i p(x_i | x_<i)}, {@code p(x_i = 1 | x_<i) = sigmoid(b_i + V_i · h_i)},
 * {@code h_i = sigmoid(a_i)}, {@code a_i = c + Σ_{j<i} W_{:,j} x_j}. Because every {@code a_i}
 * extends {@code a_{i-1}} by one column, all n conditionals come from ONE pass in O(nH): an
 * exclusive cumulative sum of the contributions {@code W_{:,j} x_j} along the dimensions.
 *
 * <p>Likelihood: exact, {@code log p(x) = Σ_i x_i l_i - softplus(l_i)} with {@code l_i} the
 * logits. Sampling: n sequential steps, each O(H), carrying {@code a} along (batched over samples).
 */
public final class Nade extends ModelBase<NadeConfig> implements Sampler, ExactDensity {
    /** Bound on (rows × n × H) floats per chunk in {@link #logProb}, to keep memory bounded. */
    private static final long ELEMENTS_PER_CHUNK = 20_000_000L;

    private final Activation act;
    private final int n;
    private final NDArray w; // (H, n), the paper's W
    private final NDArray c; // (H, 1), a column so that it broadcasts over the n positions
    private final NDArray v; // (H, n): column i is V_i of the paper
    private final NDArray b; // (n)

    /**
     * Builds the model with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Nade(NadeConfig config, DataSpec data, NDManager parent) {
        super("nade", Leaf.AUTOREGRESSIVE, config, AutoregressiveChecks.binaryVectors("nade", data), parent);
        this.n = data.dim();
        this.act = Activation.parse(config.activation(), "activation");
        this.w = params.create("W", new Shape(config.hidden(), n), Init.glorotUniform());
        this.c = params.create("c", new Shape(config.hidden(), 1), Init.zeros());
        this.v = params.create("V", new Shape(config.hidden(), n), Init.glorotUniform());
        this.b = params.create("b", new Shape(n), Init.zeros());
    }

    @Override
    public Input input() {
        return Input.BINARY;
    }

    /**
     * The n logits {@code l_i = b_i + V_{:,i} · h_i} of every row, all in one pass. The exclusive
     * sum {@code Σ_{j<i} W_{:,j} x_j} is an inclusive cumulative sum over the inputs shifted one
     * place right ({@code x'_j = x_{j-1}}, {@code x'_0 = 0}) against the weights shifted the same
     * way, which costs two (rows, n) and (H, n) copies instead of a (rows, H, n) one.
     *
     * @param x {@code (B, n)} binary batch
     * @return {@code (B, n)} logits of {@code p(x_i = 1 | x_<i)}, in {@code x}'s manager
     */
    NDArray logits(NDArray x) {
        NDManager m = x.getManager();
        long rows = x.getShape().get(0);
        NDArray xs = m.zeros(new Shape(rows, 1), DataType.FLOAT32).concat(x.get(new NDIndex(":, :-1")), 1);
        NDArray wPrev = w.get(new NDIndex(":, :-1"));
        wPrev.attach(m); // slicing a parameter puts the slice in the model's manager
        NDArray ws = m.zeros(new Shape(config.hidden(), 1), DataType.FLOAT32).concat(wPrev, 1); // column j: W_{:,j-1}
        NDArray a = xs.expandDims(1).mul(ws).cumSum(2).add(c); // (B, H, n): a_i = c + Σ_{j<i} W_{:,j} x_j
        NDArray h = act.apply(a);
        return h.mul(v).sum(new int[] {1}).add(b); // (B, n)
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        return maximumLikelihoodStep(() -> Gaussian.logBernoulli(x, logits(x)), optimizers, scratch);
    }

    @Override
    public NDArray logProb(NDArray x) {
        AutoregressiveChecks.requireRows(x, n, "x");
        long chunk = Math.max(1, ELEMENTS_PER_CHUNK / ((long) n * config.hidden()));
        return Batches.inRowChunks(x, chunk, xi -> Gaussian.logBernoulli(xi, logits(xi)));
    }

    @Override
    public NDArray sample(NDManager mgr, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("n must be positive, got " + count);
        }
        return draw(mgr.zeros(new Shape(count, n), DataType.FLOAT32), null);
    }

    @Override
    public boolean oneShotSampling() {
        return false;
    }

    /**
     * Completion: keeps the entries of {@code x} where {@code observedMask} is 1 and draws the
     * others one at a time in the order 0..n-1, each from {@code p(x_i | x_<i)}. This is the exact
     * conditional {@code p(x_unobserved | x_observed)} when every observed entry comes before every
     * unobserved one (e.g. the top of an image); otherwise later observed entries are not looked
     * ahead at.
     *
     * @param x {@code (B, n)} values (only the observed ones are read)
     * @param observedMask {@code (B, n)} or {@code (n)} 0/1
     * @param mgr where the result is put
     */
    public NDArray complete(NDArray x, NDArray observedMask, NDManager mgr) {
        AutoregressiveChecks.requireRows(x, n, "x");
        NDArray start = AutoregressiveChecks.floatCopy(x, mgr);
        NDArray obs = AutoregressiveChecks.broadcastMask(observedMask, x.getShape(), mgr);
        return draw(start, obs);
    }

    /**
     * The sequential sampler; {@code obs} null samples everything. Each of the n steps runs in its
     * own sub-manager (its inputs borrowed with {@code tempAttachAll}), so memory stays O(rows × H)
     * rather than growing with n. The result is in {@code x}'s manager.
     */
    private NDArray draw(NDArray x, NDArray obs) {
        NDManager m = x.getManager();
        int rows = (int) x.getShape().get(0);
        try (NDManager tmp = m.newSubManager()) {
            // transposed copies of the parameters, moved to tmp so no temporary stays in the model's manager
            NDArray wc = w.transpose(); // (n, H)
            wc.attach(tmp);
            NDArray vc = v.transpose();
            vc.attach(tmp);
            NDArray bc = b.duplicate();
            bc.attach(tmp);
            NDArray cc = c.transpose(); // (1, H)
            cc.attach(tmp);
            NDList wRows = wc.split(n, 0); // n arrays (1, H)
            NDList vRows = vc.split(n, 0);
            NDList bs = bc.split(n, 0); // n arrays (1)
            NDList us = tmp.randomUniform(0f, 1f, new Shape(rows, n)).split(n, 1); // n arrays (rows, 1)
            NDList xs = obs == null ? null : x.split(n, 1);
            NDList os = obs == null ? null : obs.split(n, 1);
            NDArray a = tmp.zeros(new Shape(rows, config.hidden())).add(cc);
            NDList cols = new NDList();
            for (int i = 0; i < n; i++) {
                NDArray next;
                NDArray xi;
                try (NDManager step = tmp.newSubManager()) {
                    step.tempAttachAll(a, us.get(i));
                    NDArray h = act.apply(a);
                    NDArray p = h.mul(vRows.get(i)).sum(new int[] {1}, true).add(bs.get(i)).getNDArrayInternal()
                            .sigmoid(); // (rows, 1): p(x_i = 1 | x_<i)
                    xi = us.get(i).lt(p).toType(DataType.FLOAT32, false);
                    if (obs != null) {
                        xi = NDArrays.where(os.get(i), xs.get(i), xi);
                    }
                    xi.attach(tmp);
                    next = a.add(xi.mul(wRows.get(i))); // a_{i+1} = a_i + W[:, i] x_i
                    next.attach(tmp);
                }
                a.close();
                a = next;
                cols.add(xi);
            }
            NDArray out = NDArrays.concat(cols, 1);
            out.attach(m);
            return out;
        }
    }
}
