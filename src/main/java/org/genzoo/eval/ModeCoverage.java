package org.genzoo.eval;

import ai.djl.ndarray.NDManager;
import org.genzoo.core.Sampler;
import org.genzoo.data.MixtureSpec;

/**
 * Mode coverage on a toy Gaussian mixture, as counted by Srivastava et al. (VEEGAN, 2017) and
 * Lin et al. (PacGAN, 2018): each sample is assigned to its nearest mode centre; it is of high
 * quality when it lies within three standard deviations of that centre; a mode is covered when
 * at least {@code minPerMode} high-quality samples are assigned to it.
 */
public final class ModeCoverage {
    private ModeCoverage() {}

    /**
     * @param covered modes with enough high-quality samples
     * @param modes modes of the mixture
     * @param highQuality share of samples of high quality, in [0, 1]
     * @param perMode high-quality samples per mode
     */
    public record Counts(int covered, int modes, double highQuality, int[] perMode) {}

    /** Draws {@code n} samples from {@code s} and counts. */
    public static Counts count(Sampler s, MixtureSpec mix, int n, int minPerMode, NDManager root) {
        try (NDManager sm = root.newSubManager()) {
            float[] flat = s.sample(sm, n).toFloatArray();
            return count(flat, mix, minPerMode);
        }
    }

    /** Counts on given samples, rows of {@code mix.centres()[0].length} values. */
    public static Counts count(float[] flat, MixtureSpec mix, int minPerMode) {
        int d = mix.centres()[0].length;
        int n = flat.length / d;
        int[] per = new int[mix.modes()];
        int hq = 0;
        double limit = 3.0 * mix.std();
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int m = 0; m < mix.modes(); m++) {
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double diff = flat[i * d + j] - mix.centres()[m][j];
                    s2 += diff * diff;
                }
                if (s2 < bestDist) {
                    bestDist = s2;
                    best = m;
                }
            }
            if (Math.sqrt(bestDist) <= limit) { // NaN samples fail this test and count as low quality
                hq++;
                per[best]++;
            }
        }
        int covered = 0;
        for (int c : per) {
            if (c >= minPerMode) {
                covered++;
            }
        }
        return new Counts(covered, mix.modes(), n == 0 ? 0 : hq / (double) n, per);
    }

    /**
     * The mean negative log-density of {@code split}'s rows under the mixture itself (equal
     * weights, isotropic components), in double precision: the figure a perfect model would score.
     */
    public static double trueNll(MixtureSpec mix, org.genzoo.data.Split split) {
        int d = split.dim();
        int k = mix.modes();
        double var = (double) mix.std() * mix.std();
        double logNorm = -Math.log(k) - 0.5 * d * Math.log(2 * Math.PI * var);
        float[] x = split.values();
        double sum = 0;
        double[] terms = new double[k];
        for (int i = 0; i < split.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - mix.centres()[m][j];
                    s2 += diff * diff;
                }
                terms[m] = -0.5 * s2 / var;
                max = Math.max(max, terms[m]);
            }
            double acc = 0;
            for (int m = 0; m < k; m++) {
                acc += Math.exp(terms[m] - max);
            }
            sum += logNorm + max + Math.log(acc);
        }
        return -sum / split.size();
    }
}
