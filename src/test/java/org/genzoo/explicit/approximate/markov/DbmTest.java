package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Checkpoint;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.eval.Ais;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny DBM's mathematics against brute force: every figure below is also computed in Java
 * doubles by summing exp(−E(v,h1,h2)) over all 2^(6+4+3) = 8192 joint states, an enumeration
 * that shares no code with the model.
 */
class DbmTest {
    static final int NV = 6;
    static final int N1 = 4;
    static final int N2 = 3;

    @TempDir
    Path tmp;

    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    static DbmConfig tiny(int meanFieldIters) {
        return new DbmConfig(N1, N2, 0, 1, 1, 0, meanFieldIters, 0, 50, 1, 0, 100);
    }

    /** A tiny DBM whose every parameter is replaced by N(0, std²) draws (weights W2 by N(0, std2²)). */
    static Dbm randomTiny(NDManager root, long seed, float std, float std2, int meanFieldIters) {
        Engine.getInstance().setRandomSeed((int) seed);
        Dbm m = new Dbm(tiny(meanFieldIters), DataSpec.vector(NV, DataKind.BINARY), root);
        for (String n : m.params().names()) {
            NDArray p = m.params().get(n);
            float s = n.equals("w2") ? std2 : std;
            try (NDArray r = p.getManager().randomNormal(0f, s, p.getShape(), p.getDataType())) {
                p.muli(0f).addi(r);
            }
        }
        return m;
    }

    /** The parameters as Java arrays, and −E(v,h1,h2) in double precision. */
    record Brute(double[] w1, double[] w2, double[] bv, double[] b1, double[] b2) {
        static Brute of(Dbm m) {
            return new Brute(d(m, "w1"), d(m, "w2"), d(m, "bv"), d(m, "b1"), d(m, "b2"));
        }

        private static double[] d(Dbm m, String n) {
            float[] f = m.params().get(n).toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }

        double negEnergy(int v, int h1, int h2) {
            double e = 0;
            for (int i = 0; i < NV; i++) {
                if ((v >> i & 1) == 0) {
                    continue;
                }
                e += bv[i];
                for (int j = 0; j < N1; j++) {
                    e += (h1 >> j & 1) * w1[i * N1 + j];
                }
            }
            for (int j = 0; j < N1; j++) {
                if ((h1 >> j & 1) == 0) {
                    continue;
                }
                e += b1[j];
                for (int k = 0; k < N2; k++) {
                    e += (h2 >> k & 1) * w2[j * N2 + k];
                }
            }
            for (int k = 0; k < N2; k++) {
                e += (h2 >> k & 1) * b2[k];
            }
            return e;
        }

        /** log Σ_{h1,h2} exp(−E(v,h1,h2)). */
        double logMarginal(int v) {
            double[] t = new double[1 << (N1 + N2)];
            for (int h = 0; h < t.length; h++) {
                t[h] = negEnergy(v, h & ((1 << N1) - 1), h >> N1);
            }
            return BruteForce.logSumExp(t);
        }

        /** log Σ_h1 exp(−E(v,h1,h2)): the AIS path's target over s = (v, h2). */
        double logMarginalOverH1(int v, int h2) {
            double[] t = new double[1 << N1];
            for (int h = 0; h < t.length; h++) {
                t[h] = negEnergy(v, h, h2);
            }
            return BruteForce.logSumExp(t);
        }

        double logZ() {
            double[] t = new double[1 << NV];
            for (int v = 0; v < t.length; v++) {
                t[v] = logMarginal(v);
            }
            return BruteForce.logSumExp(t);
        }
    }

    @Test
    void logPartitionByBothEnumerationsAgreesWithTheBruteForceSum() {
        for (long seed = 1; seed <= 3; seed++) {
            try (Dbm m = randomTiny(root, seed, 1.0f, 1.0f, 10)) {
                double brute = Brute.of(m).logZ();
                assertThat(m.logPartitionOverH1()).as("over h1, seed %d", seed).isCloseTo(brute, offset(1e-4));
                assertThat(m.logPartitionOverVisibleAndTop()).as("over (v, h2)").isCloseTo(brute, offset(1e-4));
                assertThat(m.exactLogPartition(1 << 20).getAsDouble()).isCloseTo(brute, offset(1e-4));
                assertThat(m.exactLogPartition(8)).as("over budget").isEmpty();
            }
        }
    }

    @Test
    void exactMarginalsMatchBruteForceAndSumToOne() {
        try (Dbm m = randomTiny(root, 7, 1.0f, 1.0f, 10)) {
            Brute b = Brute.of(m);
            double logZ = m.exactLogPartition(1 << 20).getAsDouble();
            float[] lp = m.exactLogUnnormalised(BruteForce.allBinary(root, NV)).toFloatArray();
            double total = 0;
            for (int v = 0; v < 1 << NV; v++) {
                assertThat((double) lp[v]).as("v=%d", v).isCloseTo(b.logMarginal(v), offset(1e-4));
                total += Math.exp(lp[v] - logZ);
            }
            assertThat(total).isCloseTo(1.0, offset(1e-5));
        }
    }

    /**
     * −F_mf(v) ≤ log Σ_h exp(−E(v,h)) for every v, with a real gap on a model whose posterior is
     * far from factorial (strong W2), and a gap near 0 when W2 is tiny (q(h1)q(h2) nearly exact).
     */
    @Test
    void meanFieldBoundIsBelowTheExactMarginalAndTightWhenNearlyFactorial() {
        try (Dbm m = randomTiny(root, 11, 1.0f, 2.0f, 50)) {
            Brute b = Brute.of(m);
            float[] bound = m.energy(BruteForce.allBinary(root, NV)).neg().toFloatArray();
            double gapSum = 0;
            for (int v = 0; v < 1 << NV; v++) {
                double exact = b.logMarginal(v);
                assertThat((double) bound[v]).as("v=%d", v).isLessThanOrEqualTo(exact + 1e-4);
                gapSum += exact - bound[v];
            }
            assertThat(gapSum / (1 << NV)).as("mean gap, strong coupling").isGreaterThan(0.05);
        }
        try (Dbm m = randomTiny(root, 12, 1.0f, 0.02f, 50)) {
            Brute b = Brute.of(m);
            float[] bound = m.energy(BruteForce.allBinary(root, NV)).neg().toFloatArray();
            for (int v = 0; v < 1 << NV; v++) {
                double gap = b.logMarginal(v) - bound[v];
                assertThat(gap).as("v=%d", v).isBetween(-1e-4, 2e-3);
            }
            // the lower bound on log p given log Z is the same figure shifted by log Z
            double logZ = m.exactLogPartition(1 << 20).getAsDouble();
            assertThat((double) m.lowerBound(BruteForce.allBinary(root, NV), logZ).toFloatArray()[5])
                    .isCloseTo(bound[5] - logZ, offset(1e-4));
        }
    }

    /** Pearson's chi-square of the chains' visible states against exact p(v), 63 degrees of freedom. */
    @Test
    void gibbsChainsVisitStatesWithTheExactProbabilities() {
        try (Dbm m = randomTiny(root, 21, 0.8f, 0.8f, 10)) {
            Engine.getInstance().setRandomSeed(5);
            int n = 20_000;
            float[] x = m.sample(root, n, 100).toFloatArray();
            long[] obs = new long[1 << NV];
            for (int r = 0; r < n; r++) {
                int c = 0;
                for (int d = 0; d < NV; d++) {
                    assertThat(x[r * NV + d]).isIn(0f, 1f);
                    c |= (x[r * NV + d] == 1f ? 1 : 0) << d;
                }
                obs[c]++;
            }
            Brute b = Brute.of(m);
            double logZ = b.logZ();
            double chi = 0;
            for (int v = 0; v < obs.length; v++) {
                double e = n * Math.exp(b.logMarginal(v) - logZ);
                chi += (obs[v] - e) * (obs[v] - e) / e;
            }
            // chi-square with 63 degrees of freedom: P(χ² > 103.4) = 0.001
            assertThat(chi).isLessThan(103.4);
        }
    }

    @Test
    void annealingPathEndsAtTheModelAndStartsAtTheBase() {
        try (Dbm m = randomTiny(root, 31, 1.0f, 1.0f, 10)) {
            Brute b = Brute.of(m);
            float[] mean = {0.1f, 0.5f, 0.9f, 0.3f, 0f, 1f};
            AnnealingPath path = m.annealingPath(root.create(mean));
            NDArray s = BruteForce.allBinary(root, NV + N2); // every (v, h2)
            float[] at1 = path.logUnnormalised(s, 1.0).toFloatArray();
            float[] at0 = path.logUnnormalised(s, 0.0).toFloatArray();
            double[] base = new double[at0.length];
            for (int c = 0; c < at1.length; c++) {
                int v = c & ((1 << NV) - 1);
                int h2 = c >> NV;
                assertThat((double) at1[c]).as("β=1, state %d", c).isCloseTo(b.logMarginalOverH1(v, h2), offset(1e-4));
                base[c] = at0[c];
            }
            // β = 0: independent visible units with the data's marginals, hidden units uniform, whose
            // normaliser the path states exactly
            assertThat(BruteForce.logSumExp(base)).isCloseTo(path.baseLogPartition(), offset(1e-4));
            double logitSum = 0;
            for (int i = 0; i < NV; i++) {
                double p = Math.min(Math.max(mean[i], 1e-3), 1 - 1e-3);
                logitSum += Math.log(p / (1 - p));
            }
            int all = (1 << NV) - 1; // v = all ones, h2 = 0: log f_0 = Σ logit + n1 log 2
            assertThat((double) at0[all]).isCloseTo(logitSum + N1 * Math.log(2), offset(1e-3));
            // the AIS increment, computed in one pass, is the difference of the two log-densities
            float[] hi = path.logUnnormalised(s, 0.7).toFloatArray();
            float[] lo = path.logUnnormalised(s, 0.6).toFloatArray();
            double[] ratio = path.logRatio(s, 0.7, 0.6).toDoubleArray();
            for (int c = 0; c < ratio.length; c++) {
                assertThat(ratio[c]).as("log ratio, state %d", c).isCloseTo(hi[c] - lo[c], offset(1e-4));
            }
            // base draws have the data's marginals and uniform h2
            Engine.getInstance().setRandomSeed(3);
            float[] draws = path.sampleBase(root, 20_000).mean(new int[] {0}).toFloatArray();
            for (int i = 0; i < NV; i++) {
                assertThat((double) draws[i]).isCloseTo(Math.min(Math.max(mean[i], 1e-3), 1 - 1e-3), offset(0.015));
            }
            assertThat((double) draws[NV]).isCloseTo(0.5, offset(0.015));
        }
    }

    /** The AIS transition at β leaves p_β invariant: long chains at β = 0.5 match it (chi-square). */
    @Test
    void annealingTransitionSamplesTheIntermediateDistribution() {
        try (Dbm m = randomTiny(root, 41, 1.0f, 1.0f, 10)) {
            AnnealingPath path = m.annealingPath(root.create(new float[] {0.2f, 0.8f, 0.5f, 0.5f, 0.1f, 0.6f}));
            double beta = 0.5;
            Engine.getInstance().setRandomSeed(9);
            int n = 20_000;
            NDArray s = path.sampleBase(root, n);
            for (int t = 0; t < 60; t++) {
                s = path.transition(s, beta);
            }
            float[] x = s.toFloatArray();
            int d = NV + N2;
            long[] obs = new long[1 << d];
            for (int r = 0; r < n; r++) {
                int c = 0;
                for (int j = 0; j < d; j++) {
                    c |= (x[r * d + j] == 1f ? 1 : 0) << j;
                }
                obs[c]++;
            }
            float[] lf = path.logUnnormalised(BruteForce.allBinary(root, d), beta).toFloatArray();
            double[] lfd = new double[lf.length];
            for (int c = 0; c < lf.length; c++) {
                lfd[c] = lf[c];
            }
            double logZ = BruteForce.logSumExp(lfd);
            double chi = 0;
            for (int c = 0; c < obs.length; c++) {
                double e = n * Math.exp(lfd[c] - logZ);
                chi += (obs[c] - e) * (obs[c] - e) / e;
            }
            // 511 degrees of freedom: P(χ² > 617) ≈ 0.001
            assertThat(chi).isLessThan(617);
        }
    }

    /**
     * AIS along the DBM's path (eval/Ais) lands within its reported 3σ interval of the exact log Z,
     * and more intermediate distributions bring it closer.
     */
    @Test
    void aisEstimatesTheExactLogPartition() {
        try (Dbm m = randomTiny(root, 61, 1.0f, 1.0f, 10)) {
            double exact = Brute.of(m).logZ();
            AnnealingPath path = m.annealingPath(root.create(new float[] {0.3f, 0.6f, 0.5f, 0.2f, 0.7f, 0.5f}));
            Engine.getInstance().setRandomSeed(17);
            Ais.Result fine = Ais.logPartition(path, 500, 2000, root);
            assertThat(exact).isBetween(fine.logZLow(), fine.logZHigh());
            assertThat(Math.abs(fine.logZ() - exact)).isLessThan(0.05);
            double coarseError = 0;
            for (int seed = 1; seed <= 5; seed++) {
                Engine.getInstance().setRandomSeed(seed);
                coarseError += Math.abs(Ais.logPartition(path, 500, 3, root).logZ() - exact) / 5;
            }
            assertThat(coarseError).as("K = 3").isGreaterThan(Math.abs(fine.logZ() - exact));
        }
    }

    @Test
    void parametersAndChainsSurviveASaveAndLoad() {
        try (Dbm a = randomTiny(root, 51, 1.0f, 1.0f, 10)) {
            Path f = tmp.resolve("dbm.params");
            Checkpoint.writeParams(f, a.params());
            Engine.getInstance().setRandomSeed(99); // a fresh model with other values
            try (Dbm b = new Dbm(tiny(10), DataSpec.vector(NV, DataKind.BINARY), root)) {
                assertThat(b.params().get("chains").toFloatArray())
                        .isNotEqualTo(a.params().get("chains").toFloatArray());
                Checkpoint.readParams(f, b.params());
                for (String n : a.params().asMap().keySet()) {
                    assertThat(b.params().get(n).toFloatArray()).as(n)
                            .containsExactly(a.params().get(n).toFloatArray());
                }
                NDArray x = BruteForce.allBinary(root, NV);
                assertThat(b.energy(x).toFloatArray()).containsExactly(a.energy(x).toFloatArray());
            }
        }
    }
}
