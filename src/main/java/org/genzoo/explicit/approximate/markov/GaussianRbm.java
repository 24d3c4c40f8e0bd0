package org.genzoo.explicit.approximate.markov;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.OptionalDouble;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Init;
import org.genzoo.core.Input;
import org.genzoo.core.nn.Scalars;
import org.genzoo.data.DataSpec;

/**
 * Gaussian–Bernoulli RBM: real visible units with a learned standard deviation per unit and
 * binary hidden units, in the parametrisation of Krizhevsky (2009, "Learning multiple layers of
 * features from tiny images", section 1.4.1) also used by Cho, Ilin and Raiko (2011); with
 * {@code learnSigma=false} it is the unit-variance model of Hinton's practical guide (2010,
 * section 13.2). Trained by CD-k or PCD, see {@link RbmBase}.
 *
 * <p>Energy {@code E(v, h) = Σ_i (v_i - b_i)² / (2σ_i²) - c·h - Σ_ij (v_i/σ_i) W_ij h_j}. Then
 * {@code p(h_j = 1 | v) = σ(c_j + Σ_i W_ij v_i/σ_i)}, {@code p(v | h) = N(b + σ ⊙ W h, diag σ²)},
 * and the free energy is {@code F(v) = Σ_i (v_i - b_i)²/(2σ_i²) - Σ_j softplus(c_j + (v/σ)·W_{:,j})}.
 * So p(v) is a mixture of 2^nh Gaussians with a shared diagonal covariance.
 *
 * <p>Exact log Z, integrating v analytically for each hidden vector (u = W h):
 * {@code log Z = Σ_i log(sqrt(2π) σ_i) + log Σ_h exp(c·h + Σ_i (b_i u_i / σ_i + u_i² / 2))},
 * by enumeration over 2^nh hidden vectors. σ_i = exp(logSigma_i) keeps it positive.
 */
public final class GaussianRbm extends RbmBase<GaussianRbmConfig> {
    private final NDArray logSigma; // (nv,)

    /**
     * Builds the model with fresh parameters drawn from the engine's generator.
     *
     * @param parent the manager under which this model's own manager is made
     */
    public GaussianRbm(GaussianRbmConfig config, DataSpec data, NDManager parent) {
        super("grbm", config, data, parent, config.hidden(), new Cd(config.cd(), config.persistent(),
                config.chains(), config.weightDecay(), config.initStd(), config.sampleSteps()));
        this.logSigma = config.learnSigma()
                ? params.create("logSigma", new Shape(nv), Init.zeros())
                : params.createBuffer("logSigma", new Shape(nv), Init.zeros());
    }

    @Override
    public Input input() {
        return Input.REAL;
    }

    /** σ, {@code (nv,)}, in {@code m}. */
    private NDArray sigma(NDManager m) {
        NDArray s = logSigma.exp();
        s.attach(m);
        return s;
    }

    @Override
    public NDArray freeEnergy(NDArray v) {
        NDArray quad = Scalars.times(v.sub(b).div(sigma(v.getManager())).square().sum(new int[] {1}), 0.5f);
        return quad.sub(Activation.softPlus(hiddenLogits(v)).sum(new int[] {1}));
    }

    @Override
    protected NDArray hiddenLogits(NDArray v) {
        return v.div(sigma(v.getManager())).matMul(w).add(c);
    }

    @Override
    protected NDArray visibleMean(NDArray h) {
        NDManager m = h.getManager();
        return h.matMul(transposed(w, m)).mul(sigma(m)).add(b); // b + σ ⊙ W h
    }

    @Override
    protected NDArray sampleVisible(NDArray h) {
        NDArray mean = visibleMean(h);
        NDManager m = h.getManager();
        return m.randomNormal(mean.getShape()).mul(sigma(m)).add(mean);
    }

    @Override
    protected NDArray randomVisible(NDManager m, int n) {
        return m.randomNormal(new Shape(n, nv)).mul(sigma(m)).add(b);
    }

    @Override
    protected NDArray chainStart(NDManager m, Shape s) {
        return m.randomNormal(s);
    }

    /** log Z by enumerating the 2^nh hidden vectors, when that is at most maxTerms. */
    @Override
    public OptionalDouble exactLogPartition(long maxTerms) {
        if (nh > 40 || (1L << nh) > maxTerms) {
            return OptionalDouble.empty();
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray ls = f64(logSigma, m);
            NDArray bOverSigma = f64(b, m).div(ls.exp()); // (nv,)
            double gauss = nv * 0.5 * Math.log(2 * Math.PI) + ls.sum().getDouble();
            return OptionalDouble.of(gauss + Enumeration.logSum(c, transposed(w, m),
                    u -> u.mul(bOverSigma).add(Scalars.times(u.square(), 0.5)), m));
        }
    }

    /**
     * A path from the Gaussian {@code N(dataMean, diag σ²)} with the model's σ and zero weights
     * (hidden units kept, unconnected) to this model, in the manner of Salakhutdinov and Murray
     * (2008, eqs. 13–15): {@code log f_β(v) = -(1-β) |v - m|²_σ/2 - β |v - b|²_σ/2
     * + Σ_j softplus(β (c_j + (v/σ)·W_{:,j}))}; the Gibbs step at β draws
     * {@code h ~ σ(β(c + (v/σ) W))}, then {@code v ~ N((1-β) m + β (b + σ ⊙ W h), σ²)}.
     * {@code log Z_0 = nh log 2 + Σ_i log(sqrt(2π) σ_i)}.
     */
    @Override
    public AnnealingPath annealingPath(NDArray dataMean) {
        NDManager m = pathManager(dataMean);
        NDArray mean = dataMean.toType(DataType.FLOAT32, true);
        mean.attach(m);
        NDArray sig = sigma(m);
        double logZ0 = nh * Math.log(2) + nv * 0.5 * Math.log(2 * Math.PI) + f64(logSigma, m).sum().getDouble();
        return new GaussPath(f32(w, m), transposed(w, m), f32(c, m), f32(b, m), mean, sig, f64(w, m), f64(c, m), f64(b, m),
                f64(mean, m), f64(sig, m), logZ0);
    }

    /**
     * The path of {@link #annealingPath}: float32 copies for the transitions, float64 ones for
     * the log-densities; every operation starts from the state, so results land in its manager.
     */
    private record GaussPath(NDArray w, NDArray wt, NDArray c, NDArray b, NDArray mean, NDArray sigma,
            NDArray w64, NDArray c64, NDArray b64, NDArray mean64, NDArray sigma64, double logZ0)
            implements AnnealingPath {
        @Override
        public NDArray sampleBase(NDManager manager, int runs) {
            return manager.randomNormal(new Shape(runs, mean.getShape().get(0))).mul(sigma).add(mean);
        }

        @Override
        public double baseLogPartition() {
            return logZ0;
        }

        @Override
        public NDArray logUnnormalised(NDArray state, double beta) {
            NDArray v = state.toType(DataType.FLOAT64, false);
            NDArray toMean = v.sub(mean64).div(sigma64).square().sum(new int[] {1});
            NDArray toB = v.sub(b64).div(sigma64).square().sum(new int[] {1});
            NDArray quad = Scalars.times(toMean, -0.5 * (1 - beta)).sub(Scalars.times(toB, 0.5 * beta));
            NDArray hid = Activation.softPlus(Scalars.times(v.div(sigma64).matMul(w64).add(c64), beta)).sum(new int[] {1});
            return quad.add(hid);
        }

        @Override
        public NDArray transition(NDArray state, double beta) {
            NDManager m = state.getManager();
            NDArray h = bernoulli(Scalars.times(state.div(sigma).matMul(w).add(c), (float) beta)
                    .getNDArrayInternal().sigmoid());
            // mean (1-β) m + β (b + σ ⊙ W h)
            NDArray mu = Scalars.times(h.matMul(wt).mul(sigma).add(b), (float) beta)
                    .add(Scalars.times(state.zerosLike().add(mean), (float) (1 - beta)));
            return m.randomNormal(mu.getShape()).mul(sigma).add(mu);
        }
    }
}
