package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.Trainer;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.View;
import org.genzoo.eval.Ais;
import org.genzoo.eval.Estimators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binary RBM against independent computations: free energy and log Z by brute-force sums in
 * Java doubles, the two enumerations against each other, probabilities summing to one, Gibbs
 * chains against the exact p(v), CD-k's gradient against the exact likelihood gradient, and AIS
 * against the exact log Z of small trained models.
 */
class RbmTest {
    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(7);
    }

    @AfterEach
    void close() {
        root.close();
    }

    /** An RBM with nv visible and nh hidden units whose parameters are N(0, std²) draws. */
    static Rbm randomRbm(NDManager m, int nv, int nh, float std) {
        Rbm r = new Rbm(RbmConfig.toy().withHidden(nh), DataSpec.vector(nv, DataKind.BINARY), m);
        randomise(r, std);
        return r;
    }

    /** Replaces every trainable parameter by N(0, std²) draws (buffers kept). */
    static void randomise(GenerativeModel model, float std) {
        for (String n : model.params().names()) {
            NDArray p = model.params().get(n);
            try (NDArray r = p.getManager().randomNormal(0f, std, p.getShape(), p.getDataType())) {
                p.muli(0f).addi(r);
            }
        }
    }

    /** -E(v, h) = b·v + c·h + vᵀWh in double, W row-major (nv, nh). */
    static double negEnergy(float[] w, float[] b, float[] c, int v, int h, int nv, int nh) {
        double e = 0;
        for (int i = 0; i < nv; i++) {
            if ((v >> i & 1) == 0) {
                continue;
            }
            e += b[i];
            for (int j = 0; j < nh; j++) {
                if ((h >> j & 1) == 1) {
                    e += w[i * nh + j];
                }
            }
        }
        for (int j = 0; j < nh; j++) {
            if ((h >> j & 1) == 1) {
                e += c[j];
            }
        }
        return e;
    }

    @Test
    void freeEnergyAndLogZMatchBruteForceSumsOverBothLayers() {
        int nv = 6;
        int nh = 5;
        Rbm r = randomRbm(root, nv, nh, 1f);
        float[] w = r.params().get("W").toFloatArray();
        float[] b = r.params().get("b").toFloatArray();
        float[] c = r.params().get("c").toFloatArray();
        float[] f = r.freeEnergy(BruteForce.allBinary(root, nv)).toFloatArray();
        double[] all = new double[(1 << nv) * (1 << nh)];
        for (int v = 0; v < 1 << nv; v++) {
            double[] t = new double[1 << nh];
            for (int h = 0; h < 1 << nh; h++) {
                t[h] = negEnergy(w, b, c, v, h, nv, nh);
                all[v * (1 << nh) + h] = t[h];
            }
            // F(v) = -log Σ_h exp(-E(v, h)); float32 arithmetic on values of order 10
            assertThat((double) f[v]).as("F(v=%d)", v).isCloseTo(-BruteForce.logSumExp(t), within(1e-4));
        }
        double logZ = BruteForce.logSumExp(all);
        assertThat(r.logPartitionOverHidden()).isCloseTo(logZ, within(1e-9));
        assertThat(r.logPartitionOverVisible()).isCloseTo(logZ, within(1e-9));
    }

    @Test
    void theTwoEnumerationsOfLogZAgree() {
        // 2^12 visible vectors against 2^9 hidden ones, in several chunks each (float64)
        Rbm r = randomRbm(root, 12, 9, 0.7f);
        double overHidden = r.logPartitionOverHidden();
        assertThat(r.logPartitionOverVisible()).isCloseTo(overHidden, within(1e-9));
        assertThat(r.exactLogPartition(1 << 9).getAsDouble()).isEqualTo(overHidden);
        assertThat(r.exactLogPartition(100)).isEmpty();
    }

    @Test
    void probabilitiesOverAllVisibleVectorsSumToOne() {
        int nv = 10;
        Rbm r = randomRbm(root, nv, 7, 1f);
        double logZ = r.exactLogPartition(1 << 20).getAsDouble();
        float[] f = r.freeEnergy(BruteForce.allBinary(root, nv)).toFloatArray();
        double total = 0;
        for (float v : f) {
            total += Math.exp(-v - logZ);
        }
        assertThat(total).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void gibbsChainsVisitStatesWithTheExactProbabilities() {
        int nv = 4;
        Rbm r = randomRbm(root, nv, 3, 1.2f);
        int count = 20_000;
        float[] x = r.sample(root, count, 50).toFloatArray(); // 20,000 independent chains, 50 steps each
        long[] obs = new long[1 << nv];
        for (int row = 0; row < count; row++) {
            int s = 0;
            for (int d = 0; d < nv; d++) {
                s |= (x[row * nv + d] == 1f ? 1 : 0) << d;
            }
            obs[s]++;
        }
        double logZ = r.logPartitionOverVisible();
        float[] f = r.freeEnergy(BruteForce.allBinary(root, nv)).toFloatArray();
        double chi = 0;
        for (int s = 0; s < obs.length; s++) {
            double e = count * Math.exp(-f[s] - logZ);
            chi += (obs[s] - e) * (obs[s] - e) / e;
        }
        // 15 degrees of freedom: P(chi² > 37.7) = 0.001
        assertThat(chi).isLessThan(37.7);
    }

    /** The (nv, nh) statistic mean over rows of v σ(c + vW)ᵀ, i.e. -∂F/∂W averaged. */
    private static double[] weightStatistic(Rbm r, NDArray v) {
        NDArray ph = r.hiddenLogits(v).getNDArrayInternal().sigmoid();
        return v.transpose().matMul(ph).div(v.getShape().get(0)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                .toDoubleArray();
    }

    @Test
    void cdGradientApproachesTheExactGradientAsKGrows() {
        int nv = 6;
        int nh = 4;
        Rbm r = randomRbm(root, nv, nh, 1.5f);
        // data: four fixed vectors
        float[] rows = {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
        NDArray data = root.create(rows, new Shape(4, nv));
        // exact negative phase: Σ_v p(v) v σ(c + vW)ᵀ by enumeration
        NDArray all = BruteForce.allBinary(root, nv);
        double logZ = r.logPartitionOverVisible();
        NDArray p = r.freeEnergy(all).neg().sub((float) logZ).exp().reshape(-1, 1);
        NDArray ph = r.hiddenLogits(all).getNDArrayInternal().sigmoid();
        double[] exactNeg = all.mul(p).transpose().matMul(ph).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                .toDoubleArray();
        NDArray start = data.repeat(0, 10_000); // 40,000 chains started at the data
        double[] errors = new double[3];
        int[] ks = {1, 3, 100};
        for (int i = 0; i < ks.length; i++) {
            double[] neg = weightStatistic(r, r.gibbs(start, ks[i]));
            double e = 0;
            for (int j = 0; j < neg.length; j++) {
                e += (neg[j] - exactNeg[j]) * (neg[j] - exactNeg[j]);
            }
            errors[i] = Math.sqrt(e); // the data term is the same for both: the gradient error is the negative phase's
        }
        // Monte Carlo noise of 40,000 chains on 24 entries is about sqrt(24 · 0.25 / 40,000) ≈ 0.012
        assertThat(errors[2]).as("CD-100 error").isLessThan(0.03);
        assertThat(errors[0]).as("CD-1 error").isGreaterThan(3 * errors[2]);
        assertThat(errors[1]).as("CD-3 error").isLessThan(errors[0]);
    }

    @Test
    void theAnnealingPathEndsAtTheBaseAndTheModelAndItsRatiosAreDifferences() {
        int nv = 8;
        Rbm r = randomRbm(root, nv, 5, 1f);
        NDArray mean = root.randomUniform(0.05f, 0.95f, new Shape(nv));
        org.genzoo.core.AnnealingPath path = r.annealingPath(mean);
        NDArray all = BruteForce.allBinary(root, nv);
        // β = 0: Σ_v f_0(v) = Z_0
        double[] f0 = path.logUnnormalised(all, 0).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        assertThat(BruteForce.logSumExp(f0)).isCloseTo(path.baseLogPartition(), within(1e-9));
        // β = 1: log f_1 = -F
        float[] f = r.freeEnergy(all).toFloatArray();
        double[] f1 = path.logUnnormalised(all, 1).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        for (int i = 0; i < f.length; i++) {
            assertThat(f1[i]).isCloseTo(-f[i], within(1e-4));
        }
        // the weight increment is the difference of the log-densities
        double[] ratio = path.logRatio(all, 0.7, 0.65).toDoubleArray();
        double[] hi = path.logUnnormalised(all, 0.7).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        double[] lo = path.logUnnormalised(all, 0.65).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        for (int i = 0; i < ratio.length; i++) {
            assertThat(ratio[i]).isCloseTo(hi[i] - lo[i], within(1e-5));
        }
    }

    private static Dataset binarySynthetic() {
        return Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(2000, 200, 200));
    }

    @Test
    void aisLiesWithinItsReportedErrorOfTheExactLogZOfTrainedRbmsAndImprovesWithK() {
        Dataset data = binarySynthetic();
        NDArray mean = View.IDENTITY.prepare(data.train(), 0).toNDArray(root).mean(new int[] {0});
        double errFew = 0;
        double errMany = 0;
        for (int nh : new int[] {8, 12, 16}) {
            try (NDManager m = root.newSubManager()) {
                Engine.getInstance().setRandomSeed(nh);
                Rbm r = new Rbm(RbmConfig.toy().withHidden(nh), data.spec(), m);
                TrainConfig cfg = new TrainConfig(5, 50, OptimizerSpec.sgd(0.05, 0.9), nh, 0, 0, 1000);
                new Trainer(List.of(), Estimators::validation).train(r, data, cfg, null, false);
                double exact = r.exactLogPartition(1 << 16).getAsDouble();
                Engine.getInstance().setRandomSeed(1);
                Ais.Result many = Ais.logPartition(r.annealingPath(mean), 200, 1000, m);
                Ais.Result few = Ais.logPartition(r.annealingPath(mean), 200, 5, m);
                assertThat(exact).as("nh=%d: exact within log(Z ± 3σ) of AIS %s", nh, many)
                        .isBetween(many.logZLow(), many.logZHigh());
                assertThat(Math.abs(many.logZ() - exact)).as("nh=%d", nh).isLessThan(3 * many.standardError() + 1e-3);
                assertThat(many.intermediates()).isEqualTo(1000);
                assertThat(many.runs()).isEqualTo(200);
                errFew += Math.abs(few.logZ() - exact);
                errMany += Math.abs(many.logZ() - exact);
            }
        }
        assertThat(errMany).as("error at K=1000 against K=5").isLessThan(errFew / 3);
    }
}
