package org.genzoo.eval;

/**
 * The integrated autocorrelation time of a scalar statistic of M independent chains, by Sokal's
 * automatic windowing (Sokal 1997, "Monte Carlo methods in statistical mechanics: foundations and
 * new algorithms", section 3, equations 3.18–3.20, and his window rule of section 3.1):
 * {@code τ(W) = 1 + 2 Σ_{t=1..W} ρ(t)}, with W the smallest lag such that {@code W ≥ c τ(W)}.
 * As in emcee (Foreman-Mackey et al. 2013, {@code emcee.autocorr.integrated_time}), ρ(t) is the
 * normalised autocorrelation of each chain around its own mean, averaged over the chains before
 * the sum, and c = 5.
 *
 * <p>Variance (Sokal, equation 3.19): {@code var τ̂ ≈ 2(2W + 1) τ² / N} for N = M·T values, so the
 * relative standard error is {@code sqrt(2(2W + 1) / N)}. The estimate is only trusted when the
 * chains are long against τ; emcee asks for T ≥ 50 τ.
 *
 * <p>Written here rather than taken from a library: it is a few loops, and no Java library on the
 * project's dependency list has it. The lags are summed directly (O(M·T·W)), not by FFT, which is
 * fast enough for the chain lengths {@code eval} uses.
 */
public final class Autocorrelation {
    /** Sokal's window constant; emcee's default. */
    public static final double C = 5;
    /** Chains at least this many τ long are trusted (emcee's rule of thumb). */
    public static final double TRUSTED_LENGTHS = 50;

    private Autocorrelation() {}

    /**
     * An integrated autocorrelation time.
     *
     * @param tau τ, in transitions (1 for independent draws)
     * @param window the lag W where the sum stopped
     * @param relativeError Sokal's approximate relative standard error, sqrt(2(2W + 1) / N)
     * @param trusted whether a window was found and the chains are at least {@link #TRUSTED_LENGTHS} τ long
     */
    public record Time(double tau, int window, double relativeError, boolean trusted) {}

    /**
     * τ of {@code chains[m][t]}, M chains of T values each.
     *
     * @throws IllegalArgumentException when there are no chains, chains of fewer than 2 values,
     *     chains of different lengths, or every chain is constant
     */
    public static Time integratedTime(double[][] chains) {
        if (chains.length == 0 || chains[0].length < 2) {
            throw new IllegalArgumentException("chains: expected at least one chain of 2 or more values");
        }
        int len = chains[0].length;
        double[][] d = new double[chains.length][];
        double[] c0 = new double[chains.length];
        int used = 0;
        for (double[] x : chains) {
            if (x.length != len) {
                throw new IllegalArgumentException("chains: expected equal lengths, got " + len + " and " + x.length);
            }
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= len;
            double[] dev = new double[len];
            double s = 0;
            for (int t = 0; t < len; t++) {
                dev[t] = x[t] - mean;
                s += dev[t] * dev[t];
            }
            if (s > 0) { // a constant chain says nothing about its correlation
                d[used] = dev;
                c0[used++] = s;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("chains: every chain is constant, so its autocorrelation is undefined");
        }
        // lag by lag, only as far as the window: O(M T W) rather than every lag
        double tau = 1;
        int window = len - 1;
        boolean found = false;
        for (int w = 1; w < len; w++) {
            double rho = 0; // ρ(w), averaged over the chains
            for (int m = 0; m < used; m++) {
                double[] x = d[m];
                double s = 0;
                for (int i = 0; i + w < len; i++) {
                    s += x[i] * x[i + w];
                }
                rho += s / c0[m];
            }
            tau += 2 * rho / used;
            if (w >= C * tau) {
                window = w;
                found = true;
                break;
            }
        }
        long n = (long) used * len;
        double rel = Math.sqrt(2.0 * (2 * window + 1) / n);
        return new Time(tau, window, rel, found && len >= TRUSTED_LENGTHS * tau);
    }
}
