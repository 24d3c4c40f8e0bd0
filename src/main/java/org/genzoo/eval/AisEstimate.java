package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.Annealable;
import org.genzoo.core.Seeds;

/**
 * {@code ais}: log Z of a Boltzmann machine by annealed importance sampling ({@link Ais}, along the
 * model's path from a base fitted to the training data's marginals), then
 * {@code log p(x) ≈ -E(x) - log Ẑ} for each example (Salakhutdinov &amp; Murray 2008, section 4).
 * An estimate, not a bound: Ẑ is unbiased, so log Ẑ tends to be too small and the NLL with it.
 * When the energy is a variational bound on the free energy (a deep Boltzmann machine's
 * mean-field bound), {@code -E(x) - log Ẑ} estimates a lower bound on log p(x) (Salakhutdinov &amp;
 * Hinton 2009, section 4). Beside {@code partition-exact}, when that applies too, the two figures
 * show AIS's error.
 */
final class AisEstimate implements Estimator {
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
        try (NDManager sm = c.root().newSubManager()) {
            NDArray mean = c.data().train().toNDArray(sm).mean(new int[] {0});
            Seeds.seedEngine(c.options().seed(), "eval-ais", 0);
            r = Ais.logPartition(m.annealingPath(mean), runs, k, sm, c.progress());
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
        out.add(new Metric("log_z_se", r.standardError(), "nats", "delta method over the " + runs + " runs' weights",
                Metric.ESTIMATE, "standard error of the AIS log Z (does not measure its bias)"));
        return new Estimate(out, ll, EvalContext.column(Metric.ESTIMATE));
    }
}
