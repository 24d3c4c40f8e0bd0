package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.genzoo.core.Progress;
import org.genzoo.core.Sampler;
import org.genzoo.core.nn.Gaussian;
import org.genzoo.core.nn.Scalars;
import org.genzoo.data.Split;
import org.genzoo.data.View;

/**
 * Parzen-window log-likelihood estimate for models that only sample (Breuleux, Bengio and
 * Vincent 2011; used for GANs by Goodfellow et al. 2014, table 1): a mixture of isotropic
 * Gaussians of width σ centred on S model samples,
 * {@code log p̂(x) = logsumexp_i(-|x - s_i|² / 2σ²) - log S - (D/2) log(2πσ²)},
 * with σ chosen to maximise the estimate on the validation split. Theis, van den Oord and Bethge
 * (2016) show it can be far from the true log-likelihood in high dimension: it is reported as an
 * estimate, never as a bound.
 */
final class Parzen {
    private static final int BATCH = 100;

    private Parzen() {}

    /** Samples and the chosen width. */
    record Fit(float[] samples, int count, int dim, double sigma) {}

    static Fit fit(Sampler s, Split valid, EvalOptions o, NDManager root, Progress progress) {
        float[] samples;
        int d = valid.dim();
        try (NDManager sm = root.newSubManager()) {
            samples = s.sample(sm, o.parzenSamples()).toFloatArray();
        }
        Split v = valid.head(Math.min(1000, valid.size()));
        double best = Double.NEGATIVE_INFINITY;
        double bestSigma = Double.NaN;
        for (double sigma : logGrid(1e-3, 10, 25)) {
            Fit f = new Fit(samples, o.parzenSamples(), d, sigma);
            float[] ll = score(f, v, root, Progress.NONE);
            double m = 0;
            for (float x : ll) {
                m += x;
            }
            m /= ll.length;
            if (m > best) {
                best = m;
                bestSigma = sigma;
            }
        }
        return new Fit(samples, o.parzenSamples(), d, bestSigma);
    }

    static float[] score(Fit f, Split split, NDManager root, Progress progress) {
        try (NDManager sm = root.newSubManager()) {
            NDArray s = sm.create(f.samples()).reshape(f.count(), f.dim());
            NDArray sSq = s.square().sum(new int[] {1}, true).transpose(); // (1, S)
            double sigma = f.sigma();
            float norm = (float) (-Math.log(f.count()) - 0.5 * f.dim() * Math.log(2 * Math.PI * sigma * sigma));
            return Evaluator.scoreRows(split, View.IDENTITY, root, BATCH, x -> {
                NDArray d2 = Scalars.max(x.square().sum(new int[] {1}, true).add(sSq).sub(Scalars.times(x.matMul(s.transpose()), 2f)),
                        0f);
                return Gaussian.logSumExp(Scalars.times(d2, (float) (-0.5 / (sigma * sigma))), 1).add(norm);
            }, progress, "Parzen");
        }
    }

    private static double[] logGrid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
        }
        return g;
    }
}
