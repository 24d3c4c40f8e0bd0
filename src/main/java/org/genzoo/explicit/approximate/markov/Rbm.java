package org.genzoo.explicit.approximate.markov;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.OptionalDouble;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Input;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Scalars;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * Restricted Boltzmann machine with binary visible and hidden units (Smolensky 1986, "harmonium";
 * Hinton 2002), trained by CD-k (Hinton 2002) or persistent CD (Tieleman 2008), see
 * {@link RbmBase}.
 *
 * <p>Energy {@code E(v, h) = -b·v - c·h - vᵀ W h}, {@code p(v, h) = exp(-E) / Z}. Summing out the
 * hidden units gives the free energy {@code F(v) = -b·v - Σ_j softplus(c_j + v·W_{:,j})} and
 * {@code log p(v) = -F(v) - log Z}. The conditionals factorise:
 * {@code p(h_j = 1 | v) = σ(c_j + v·W_{:,j})}, {@code p(v_i = 1 | h) = σ(b_i + W_{i,:}·h)}.
 *
 * <p>Likelihood: Z is intractable in general; it is estimated by annealed importance sampling
 * (Salakhutdinov and Murray 2008, see {@link #annealingPath}), or computed exactly for small
 * models by enumerating the smaller layer ({@link #exactLogPartition}).
 */
public final class Rbm extends RbmBase<RbmConfig> {
    /** Clip of the base-rate model's marginals away from 0 and 1, so its biases stay finite. */
    static final double BASE_RATE_CLIP = 1e-3;

    /**
     * Builds the model with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public Rbm(RbmConfig config, DataSpec data, NDManager parent) {
        super("rbm", config, binary(data), parent, config.hidden(), new Cd(config.cd(), config.persistent(),
                config.chains(), config.weightDecay(), config.initStd(), config.sampleSteps()));
    }

    private static DataSpec binary(DataSpec data) {
        if (data.kind() == DataKind.CONTINUOUS) {
            throw new UserError("--data: rbm has binary visible units and cannot fit continuous data; use grbm");
        }
        return data;
    }

    @Override
    public Input input() {
        return Input.BINARY;
    }

    @Override
    public NDArray freeEnergy(NDArray v) {
        NDArray vb = v.mul(b).sum(new int[] {1}); // (B,)
        return Activation.softPlus(hiddenLogits(v)).sum(new int[] {1}).add(vb).neg();
    }

    @Override
    protected NDArray hiddenLogits(NDArray v) {
        return v.matMul(w).add(c); // (B, nh)
    }

    private NDArray visibleLogits(NDArray h) {
        return h.matMul(transposed(w, h.getManager())).add(b); // (B, nv)
    }

    @Override
    protected NDArray sampleVisible(NDArray h) {
        return bernoulli(visibleMean(h));
    }

    @Override
    protected NDArray visibleMean(NDArray h) {
        return visibleLogits(h).getNDArrayInternal().sigmoid();
    }

    @Override
    protected NDArray randomVisible(NDManager m, int n) {
        return bernoulli(m.full(new Shape(n, nv), 0.5f));
    }

    @Override
    protected NDArray chainStart(NDManager m, Shape s) {
        return bernoulli(m.full(s, 0.5f));
    }

    /** log Z by enumerating the smaller layer, when 2^min(nv, nh) ≤ maxTerms. */
    @Override
    public OptionalDouble exactLogPartition(long maxTerms) {
        int n = Math.min(nv, nh);
        if (n > 40 || (1L << n) > maxTerms) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(nh <= nv ? logPartitionOverHidden() : logPartitionOverVisible());
    }

    /**
     * log Z over all 2^nh hidden vectors, the visible units summed analytically:
     * {@code Z = Σ_h exp(c·h) Π_i (1 + exp(b_i + W_{i,:}·h))}.
     */
    double logPartitionOverHidden() {
        try (NDManager m = manager.newSubManager()) {
            NDArray b64 = f64(b, m);
            return Enumeration.logSum(c, transposed(w, m), u -> Activation.softPlus(u.add(b64)), m);
        }
    }

    /**
     * log Z over all 2^nv visible vectors, the hidden units summed analytically:
     * {@code Z = Σ_v exp(-F(v))}.
     */
    double logPartitionOverVisible() {
        try (NDManager m = manager.newSubManager()) {
            NDArray c64 = f64(c, m);
            return Enumeration.logSum(b, w, u -> Activation.softPlus(u.add(c64)), m);
        }
    }

    /**
     * The path of Salakhutdinov and Murray (2008, eqs. 13–15) from a base-rate RBM, with zero
     * weights and visible biases {@code log(p/(1-p))} from the data's marginals (clipped to
     * [{@value #BASE_RATE_CLIP}, 1 - {@value #BASE_RATE_CLIP}]), to this model:
     * {@code log f_β(v) = (1-β) b_A·v + β b·v + Σ_j softplus(β (c_j + v·W_{:,j}))};
     * the transition is a Gibbs step at β: {@code h ~ σ(β(c + vW))},
     * {@code v ~ σ((1-β) b_A + β (b + W h))}. The base keeps the model's nh hidden units with zero
     * weights and biases, so {@code log Z_0 = nh log 2 + Σ_i softplus(b_A,i)}.
     */
    @Override
    public AnnealingPath annealingPath(NDArray dataMean) {
        NDManager m = pathManager(dataMean);
        NDArray p = dataMean.toType(DataType.FLOAT64, true);
        p.attach(m);
        p = p.clip(BASE_RATE_CLIP, 1 - BASE_RATE_CLIP);
        NDArray base = p.log().sub(p.neg().add(1).log()); // (nv,) float64: b_A = log(p / (1 - p))
        double logZ0 = nh * Math.log(2) + Activation.softPlus(base).sum().getDouble();
        NDArray delta = f64(b, m).sub(base); // b - b_A
        return new Path(f64(w, m), f64(c, m), base.reshape(nv, 1), delta.reshape(nv, 1), f32(w, m), f32(c, m),
                transposed(w, m), base.toType(DataType.FLOAT32, false), delta.toType(DataType.FLOAT32, false),
                logZ0);
    }

    /**
     * The annealing path of {@link #annealingPath}. Its arrays are copies made when it was built
     * (float64 for the log-densities, float32 for the transitions); every operation starts from
     * the state, so results land in the state's manager and none in the path's.
     */
    private record Path(NDArray w, NDArray c, NDArray baseCol, NDArray deltaCol, NDArray w32, NDArray c32,
            NDArray wt32, NDArray base32, NDArray delta32, double logZ0) implements AnnealingPath {

        @Override
        public NDArray sampleBase(NDManager manager, int runs) {
            NDArray logits = manager.zeros(new Shape(runs, base32.getShape().get(0))).add(base32);
            return bernoulli(logits.getNDArrayInternal().sigmoid());
        }

        @Override
        public double baseLogPartition() {
            return logZ0;
        }

        @Override
        public NDArray logUnnormalised(NDArray state, double beta) {
            // float64: AIS sums K differences of values of order nv, which float32 would round
            NDArray v = state.toType(DataType.FLOAT64, false);
            NDArray lin = Scalars.times(v.matMul(deltaCol), beta).add(v.matMul(baseCol)).reshape(-1); // (b_A + β(b - b_A))·v
            NDArray hid = Activation.softPlus(Scalars.times(v.matMul(w).add(c), beta)).sum(new int[] {1});
            return lin.add(hid);
        }

        /**
         * {@code (β - β') (b - b_A)·v + Σ_j softplus(β x_j) - softplus(β' x_j)}, x = c + vW: one
         * float32 product for the hidden inputs (their rounding is far below the increment), the
         * rest in float64, so no two values of order nv are subtracted.
         */
        @Override
        public NDArray logRatio(NDArray state, double beta, double previous) {
            NDArray v = state.toType(DataType.FLOAT64, false);
            NDArray lin = Scalars.times(v.matMul(deltaCol).reshape(-1), beta - previous);
            NDArray x = state.matMul(w32).add(c32).toType(DataType.FLOAT64, false);
            NDArray hid = Activation.softPlus(Scalars.times(x, beta)).sub(Activation.softPlus(Scalars.times(x, previous))).sum(new int[] {1});
            return lin.add(hid);
        }

        @Override
        public NDArray transition(NDArray state, double beta) {
            NDArray h = bernoulli(Scalars.times(state.matMul(w32).add(c32), (float) beta).getNDArrayInternal().sigmoid());
            // visible logits (1-β) b_A + β (b + W h) = b_A + β (W h + b - b_A)
            return bernoulli(Scalars.times(h.matMul(wt32).add(delta32), (float) beta).add(base32).getNDArrayInternal().sigmoid());
        }
    }
}
