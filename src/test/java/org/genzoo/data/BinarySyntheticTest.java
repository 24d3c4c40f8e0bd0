package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinarySyntheticTest {
    @Test
    void enumeratedProbabilitiesSumToOne() {
        double sum = 0;
        for (double lp : BinarySynthetic.logProbabilities()) {
            sum += Math.exp(lp);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void entropyIsBetweenZeroAndSixteenBits() {
        double h = BinarySynthetic.entropyNats();
        assertThat(h).isGreaterThan(1.0).isLessThan(16 * Math.log(2));
    }

    @Test
    void testSplitMeanNllIsTheEntropyWithinThreeStandardErrors() {
        Dataset ds = Datasets.load("binary-synthetic", LoadOptions.defaults());
        assertThat(ds.entropyNats().getAsDouble()).isEqualTo(BinarySynthetic.entropyNats());
        assertThat(ds.spec().kind()).isEqualTo(DataKind.BINARY);
        Split t = ds.test();
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < t.size(); i++) {
            double nll = -BinarySynthetic.logProb(t.row(i));
            sum += nll;
            sumSq += nll * nll;
        }
        int n = t.size();
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertThat(se).isGreaterThan(0);
        assertThat(mean).isCloseTo(BinarySynthetic.entropyNats(), within(3 * se));
    }

    @Test
    void sampledBitFrequenciesMatchTheModelMeans() {
        // E[x_d] = Σ_k μ_kd / 8: a second, independent check that sampling follows the model
        double[][] mu = BinarySynthetic.means();
        Split s = Datasets.load("binary-synthetic", LoadOptions.defaults()).train();
        for (int d = 0; d < BinarySynthetic.DIM; d++) {
            double expected = 0;
            for (double[] m : mu) {
                expected += m[d] / BinarySynthetic.COMPONENTS;
            }
            double got = 0;
            for (int i = 0; i < s.size(); i++) {
                got += s.values()[i * BinarySynthetic.DIM + d];
            }
            // standard error ≤ 0.5 / sqrt(20000) = 0.0035
            assertThat(got / s.size()).isCloseTo(expected, within(0.015));
        }
    }
}
