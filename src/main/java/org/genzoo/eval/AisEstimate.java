package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Annealable;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.Seeds;

/**
 * {@code ais}: log Z of a Boltzmann machine by annealed importance sampling ({@link Ais}, along the
 * model's path from a base fitted to the training data's marginals), then
 * {@code log p(x) ≈ -E(x) - log Ẑ} for each example (Salakhutdinov &amp; Murray 2008, section 4).
 * An estimate, not a bound: Ẑ is unbiased, so log Ẑ tends to be too small and the NLL with it.
 * When the energy is a variational bound on the free energy (a deep Boltzmann machine's
 * mean-field bound), {@code -E(x) - log Ẑ} estimates a lower bound on log p(x) (Salakhutdinov &amp;
 * Hinton 2009, section 4). Beside {@code partition-exact}, when that applies too, the two figures
 * show AIS's error. For binary data, a certified lower bound on log Z ({@link Ais#jensenLowerBound})
 * is reported beside it, and an AIS estimate below it is called out.
 */
final class AisEstimate implements Estimator {
    /** Chains, transitions and draws of the lower-bound check (about 5 s on a 784-500 RBM). */
    private static final int CHECK_CHAINS = 1000;
    private static final int CHECK_STEPS = 200;
    private static final int CHECK_DRAWS = 4000;

    @Override
    public String name() {
        return "ais";
    }

    @Override
    public String summary() {
        return "log Z by annealed importance sampling (--ais-runs, --ais-intermediates; Salakhutdinov & Murray 2008),"
                + " then log p(x) = -E(x) - log Z: an estimate";
    }

    @Override
    public Class<?> capability() {
        return Annealable.class;
    }

    @Override
    public boolean likelihood() {
        return true;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        Annealable m = (Annealable) c.model();
        int runs = c.options().aisRuns();
        int k = c.options().aisIntermediates();
        Ais.Result r;
        Ais.Bound check = null;
        try (NDManager sm = c.root().newSubManager()) {
            NDArray mean = c.data().train().toNDArray(sm).mean(new int[] {0});
            Seeds.seedEngine(c.options().seed(), "eval-ais", 0);
            r = Ais.logPartition(m.annealingPath(mean), runs, k, sm, c.progress());
            if (m instanceof MarkovChainSampler s) {
                // the model's own chains, for a q that weighs the modes they find
                NDArray v = s.sample(sm, CHECK_CHAINS, CHECK_STEPS);
                if (v.eq(0f).logicalOr(v.eq(1f)).all().getBoolean()) {
                    check = Ais.jensenLowerBound(m, v.mean(new int[] {0}).clip(0.01f, 0.99f), CHECK_DRAWS, sm);
                }
            }
        }
        double logZ = r.logZ();
        float[] ll = c.scoreRows(500, x -> m.energy(x).neg().sub((float) logZ), "-E(x) - log Z");
        String text = String.format("AIS, %d runs x %d intermediate distributions, log Z %.2f ± %.2g (s.e.)%s%s",
                runs, k, logZ, r.standardError(), m.exactEnergy() ? "" : ", energy a variational bound", c.scope());
        List<Metric> out = new ArrayList<>(c.nllMetrics(ll, text, Metric.ESTIMATE));
        out.add(new Metric("log_z", logZ, "nats", String.format(
                "AIS, %d runs x %d distributions, %.0f s; log(Z ± 3 s.e.) in [%.2f, %.2f]", runs, k, r.seconds(),
                r.logZLow(), r.logZHigh()), Metric.ESTIMATE,
                "log partition function; unbiased in Z, so log Z tends to be underestimated and the NLL with it"));
        if (check != null) {
            double low = check.value() - 3 * check.standardError();
            String verdict = logZ < low ? String.format("AIS IS TOO LOW by at least %.2f nats, so its NLL is too optimistic",
                    low - logZ) : "AIS's log Z is above it, as it must be";
            out.add(new Metric("log_z_lower_bound", check.value(), "nats", String.format(
                    "Jensen with q a product of Bernoullis at the pixel means of %d chains after %d transitions, "
                            + "%d draws (s.e. %.2g)", CHECK_CHAINS, CHECK_STEPS, CHECK_DRAWS, check.standardError()),
                    Metric.BOUND, "lower bound on log Z: " + verdict));
        }
        out.add(new Metric("log_z_se", r.standardError(), "nats", "delta method over the " + runs + " runs' weights",
                Metric.ESTIMATE, "standard error of the AIS log Z (does not measure its bias)"));
        return new Estimate(out, ll, EvalContext.column(Metric.ESTIMATE));
    }
}
