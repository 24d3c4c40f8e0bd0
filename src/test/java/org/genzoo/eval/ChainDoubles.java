package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.ExactPartition;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.LowerBound;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.Params;
import org.genzoo.core.Sampler;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;

/**
 * Test-only models whose answers are known in closed form, one per capability the estimator
 * registry dispatches on, and data drawn from the same product of Bernoullis. Public, so that
 * the tests of other packages (and of the Markov chain leaf's models) can reuse them.
 */
public final class ChainDoubles {
    private ChainDoubles() {}

    /** Logits of the product of independent Bernoullis every double here uses. */
    public static final float[] LOGITS = {-1f, 0.5f, 2f, -0.3f, 0f, 1.2f};

    /** log Z = Σ_i log(1 + e^{b_i}) of p(x) ∝ exp(b·x): the closed form the tests check against. */
    public static double logZ(float[] b) {
        double z = 0;
        for (float v : b) {
            z += Math.log1p(Math.exp(v));
        }
        return z;
    }

    /** log p(x) = b·x − log Z, in closed form. */
    public static double logP(float[] b, float[] x) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += b[i] * x[i];
        }
        return s - logZ(b);
    }

    /** {@code n} rows drawn from the product of Bernoullis with logits {@code b}. */
    public static Split draw(float[] b, int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * b.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b.length; j++) {
                v[i * b.length + j] = r.nextDouble() < 1 / (1 + Math.exp(-b[j])) ? 1f : 0f;
            }
        }
        return new Split(v, n, b.length, null);
    }

    /** Binary data from {@link #LOGITS}: 400 train, 200 valid, 300 test rows. */
    public static Dataset data() {
        return new Dataset("bernoullis", DataSpec.vector(LOGITS.length, DataKind.BINARY), draw(LOGITS, 400, 1),
                draw(LOGITS, 200, 2), draw(LOGITS, 300, 3), "0", Optional.empty(), OptionalDouble.empty());
    }

    /** What every double shares: a model of binary vectors with no parameters. */
    public abstract static class Base implements GenerativeModel {
        final Params params;
        final int dim;

        Base(NDManager root, int dim) {
            this.params = new Params(root.newSubManager());
            this.dim = dim;
        }

        @Override
        public String kind() {
            return getClass().getSimpleName().toLowerCase();
        }

        @Override
        public Leaf leaf() {
            return Leaf.MARKOV_CHAIN_EXPLICIT;
        }

        @Override
        public DataSpec data() {
            return DataSpec.vector(dim, DataKind.BINARY);
        }

        @Override
        public Record config() {
            return null;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        public Input input() {
            return Input.BINARY;
        }

        @Override
        public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            params.manager().close();
        }

        NDArray logits(NDManager m) {
            return m.create(LOGITS);
        }
    }

    /**
     * The product of Bernoullis as an energy model: E(x) = −b·x, log Z by brute-force enumeration
     * of all 2^D vectors (not the closed form, so that the test compares the two), and a Gibbs-like
     * chain: each unit is kept with probability 1/2, else redrawn from its conditional (which,
     * the units being independent, is its marginal). That kernel leaves p invariant, and every
     * linear statistic has autocorrelation ρ(t) = 2^-t, so τ = 1 + 2 Σ_t 2^-t = 3 exactly.
     */
    public static final class Bernoullis extends Base implements ExactPartition, MarkovChainSampler {
        final boolean exactEnergy;

        public Bernoullis(NDManager root, boolean exactEnergy) {
            super(root, LOGITS.length);
            this.exactEnergy = exactEnergy;
        }

        @Override
        public NDArray energy(NDArray x) {
            return x.mul(logits(x.getManager())).sum(new int[] {1}).neg();
        }

        @Override
        public boolean exactEnergy() {
            return exactEnergy;
        }

        @Override
        public OptionalDouble exactLogPartition(long maxTerms) {
            long terms = 1L << dim;
            if (terms > maxTerms) {
                return OptionalDouble.empty();
            }
            double max = Double.NEGATIVE_INFINITY;
            double[] logTerm = new double[(int) terms];
            for (int s = 0; s < terms; s++) {
                double e = 0;
                for (int i = 0; i < dim; i++) {
                    e += ((s >> i) & 1) * LOGITS[i];
                }
                logTerm[s] = e;
                max = Math.max(max, e);
            }
            double sum = 0;
            for (double t : logTerm) {
                sum += Math.exp(t - max);
            }
            return OptionalDouble.of(max + Math.log(sum));
        }

        @Override
        public NDArray initialState(NDManager manager, int n) {
            return manager.randomUniform(0, 1, new Shape(n, dim)).lt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32,
                    false);
        }

        @Override
        public NDArray step(NDArray state) {
            NDManager m = state.getManager();
            Shape s = state.getShape();
            NDArray p = logits(m).getNDArrayInternal().sigmoid();
            NDArray fresh = m.randomUniform(0, 1, s).lt(p).toType(state.getDataType(), false);
            NDArray keep = m.randomUniform(0, 1, s).lt(0.5f).toType(state.getDataType(), false);
            return state.mul(keep).add(fresh.mul(keep.neg().add(1f)));
        }

        @Override
        public NDArray visible(NDArray state) {
            return state;
        }

        @Override
        public int defaultSteps() {
            return 10;
        }
    }

    /** The same product of Bernoullis with an exact density and one-pass samples (a flow's capabilities). */
    public static final class Exact extends Base implements ExactDensity, Sampler {
        public Exact(NDManager root) {
            super(root, LOGITS.length);
        }

        @Override
        public NDArray logProb(NDArray x) {
            return x.mul(logits(x.getManager())).sum(new int[] {1}).sub((float) logZ(LOGITS));
        }

        @Override
        public NDArray sample(NDManager manager, int n) {
            NDArray p = logits(manager).getNDArrayInternal().sigmoid();
            return manager.randomUniform(0, 1, new Shape(n, dim)).lt(p).toType(ai.djl.ndarray.types.DataType.FLOAT32,
                    false);
        }
    }

    /**
     * A lower-bounded model (a VAE's capability) whose bound is known: L_k(x) = log p(x) − 1/k, so
     * the ELBO is 1 nat below log p and IWAE with k samples 1/k nats below.
     */
    public static final class Bounded extends Base implements LowerBound {
        public Bounded(NDManager root) {
            super(root, LOGITS.length);
        }

        @Override
        public NDArray lowerBound(NDArray x, int k, MemoryBudget memory) {
            return x.mul(logits(x.getManager())).sum(new int[] {1}).sub((float) (logZ(LOGITS) + 1.0 / k));
        }

        @Override
        public long boundBytesPerSample() {
            return 64;
        }
    }

    /**
     * A Gaussian AR(1) chain x' = ρx + sqrt(1 − ρ²) ε, stationary N(0, 1), started in its stationary
     * law: ρ(t) = ρ^t, so τ = (1 + ρ) / (1 − ρ).
     */
    public static final class Ar1 extends Base implements MarkovChainSampler {
        final float rho;

        public Ar1(NDManager root, double rho) {
            super(root, 1);
            this.rho = (float) rho;
        }

        @Override
        public Input input() {
            return Input.REAL;
        }

        @Override
        public DataSpec data() {
            return DataSpec.vector(1, DataKind.CONTINUOUS);
        }

        @Override
        public NDArray initialState(NDManager manager, int n) {
            return manager.randomNormal(new Shape(n, 1));
        }

        @Override
        public NDArray step(NDArray state) {
            NDArray noise = state.getManager().randomNormal(state.getShape());
            return state.mul(rho).add(noise.mul((float) Math.sqrt(1 - rho * rho)));
        }

        @Override
        public NDArray visible(NDArray state) {
            return state;
        }

        @Override
        public int defaultSteps() {
            return 1;
        }
    }

    /**
     * A chain that counts: every value of a state is the number of transitions it has made, and
     * every visible value that number times {@code perStep}.
     */
    public static final class Counter extends Base implements MarkovChainSampler {
        final float perStep;

        public Counter(NDManager root, int dim) {
            this(root, dim, 1f);
        }

        public Counter(NDManager root, int dim, float perStep) {
            super(root, dim);
            this.perStep = perStep;
        }

        @Override
        public NDArray initialState(NDManager manager, int n) {
            return manager.zeros(new Shape(n, dim + 1)); // one more value than the data: hidden units
        }

        @Override
        public NDArray step(NDArray state) {
            return state.add(1f);
        }

        @Override
        public NDArray visible(NDArray state) {
            return state.get(":, 0:" + dim).mul(perStep);
        }

        @Override
        public int defaultSteps() {
            return 7;
        }

        @Override
        public long sampleBytesPerRow(int d) {
            return 1000;
        }
    }
}
