package org.genzoo.data;

import java.util.SplittableRandom;

/**
 * {@code binary-synthetic}: 16-bit binary vectors from a known mixture of 8 product-Bernoulli
 * components, whose entropy is computed exactly so that a binary model's test NLL can be compared
 * with the best achievable value.
 *
 * <p>Model: {@code p(x) = Σ_k π_k Π_d μ_kd^x_d (1 - μ_kd)^(1 - x_d)} with equal weights
 * {@code π_k = 1/8}. The means {@code μ_kd} are drawn once from {@code U[0.05, 0.95]} by a
 * {@link SplittableRandom} with the fixed seed {@link #PARAMETER_SEED} (in order k then d), so
 * the distribution is the same whatever the load seed; the load seed only decides which samples
 * are drawn.
 *
 * <p>Entropy: {@code H = -Σ_x p(x) log p(x)} in nats, summed over all 2^16 = 65,536 vectors in
 * double precision (each {@code log p(x)} by log-sum-exp over the components).
 */
public final class BinarySynthetic {
    /** Dimension of each vector. */
    public static final int DIM = 16;
    /** Number of mixture components. */
    public static final int COMPONENTS = 8;
    /** Seed of the component means; fixed so the distribution never changes. */
    public static final long PARAMETER_SEED = 20_160_516L;

    private static final double[][] MEANS = means();
    private static final double[] LOG_P = enumerateLogProbabilities();
    private static final double ENTROPY = entropyOf(LOG_P);

    private BinarySynthetic() {}

    /** The component means {@code μ[k][d]} (a copy). */
    public static double[][] means() {
        SplittableRandom rng = new SplittableRandom(PARAMETER_SEED);
        double[][] mu = new double[COMPONENTS][DIM];
        for (int k = 0; k < COMPONENTS; k++) {
            for (int d = 0; d < DIM; d++) {
                mu[k][d] = 0.05 + 0.9 * rng.nextDouble();
            }
        }
        return mu;
    }

    /**
     * {@code log p(x)} for every vector, indexed by its code {@code Σ_d x_d 2^d} (a copy: 65,536
     * doubles).
     */
    public static double[] logProbabilities() {
        return LOG_P.clone();
    }

    /** The exact entropy in nats. */
    public static double entropyNats() {
        return ENTROPY;
    }

    /** {@code log p(x)} for a vector of 16 zeros and ones. */
    public static double logProb(float[] x) {
        if (x.length != DIM) {
            throw new IllegalArgumentException("x must have " + DIM + " values, got " + x.length);
        }
        return LOG_P[code(x, 0)];
    }

    /** The code {@code Σ_d x_d 2^d} of the vector starting at {@code values[offset]}. */
    static int code(float[] values, int offset) {
        int c = 0;
        for (int d = 0; d < DIM; d++) {
            float v = values[offset + d];
            if (v != 0f && v != 1f) {
                throw new IllegalArgumentException("value " + d + " is " + v + ", expected 0 or 1");
            }
            if (v == 1f) {
                c |= 1 << d;
            }
        }
        return c;
    }

    /** {@code n} samples: pick a component uniformly, then each bit independently. */
    static Split sample(int n, SplittableRandom rng) {
        float[] v = new float[n * DIM];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(COMPONENTS);
            labels[i] = k;
            for (int d = 0; d < DIM; d++) {
                v[i * DIM + d] = rng.nextDouble() < MEANS[k][d] ? 1f : 0f;
            }
        }
        return new Split(v, n, DIM, labels);
    }

    private static double[] enumerateLogProbabilities() {
        double[][] logMu = new double[COMPONENTS][DIM];
        double[][] log1mMu = new double[COMPONENTS][DIM];
        for (int k = 0; k < COMPONENTS; k++) {
            for (int d = 0; d < DIM; d++) {
                logMu[k][d] = Math.log(MEANS[k][d]);
                log1mMu[k][d] = Math.log1p(-MEANS[k][d]);
            }
        }
        double logPi = -Math.log(COMPONENTS);
        double[] out = new double[1 << DIM];
        double[] lk = new double[COMPONENTS];
        for (int c = 0; c < out.length; c++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < COMPONENTS; k++) {
                double s = logPi;
                for (int d = 0; d < DIM; d++) {
                    s += ((c >>> d) & 1) == 1 ? logMu[k][d] : log1mMu[k][d];
                }
                lk[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (double s : lk) {
                sum += Math.exp(s - max);
            }
            out[c] = max + Math.log(sum);
        }
        return out;
    }

    private static double entropyOf(double[] logP) {
        double h = 0;
        for (double lp : logP) {
            h -= Math.exp(lp) * lp;
        }
        return h;
    }
}
