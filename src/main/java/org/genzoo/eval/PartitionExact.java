package org.genzoo.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.genzoo.core.ExactPartition;

/**
 * {@code partition-exact}: for an energy model small enough, log Z by enumeration (the model's
 * {@link ExactPartition#exactLogPartition}, within {@code --partition-terms} terms), then
 * {@code log p(x) = -E(x) - log Z} for each example. Exact when the energy is the free energy
 * itself; when it is a variational upper bound on it (a deep Boltzmann machine's mean-field
 * bound), {@code -E(x) - log Z} is a lower bound on log p(x) and the figure is reported as one.
 */
final class PartitionExact implements Estimator {
    @Override
    public String name() {
        return "partition-exact";
    }

    @Override
    public String summary() {
        return "log Z by enumeration when it takes at most --partition-terms terms, then log p(x) = -E(x) - log Z";
    }

    @Override
    public Class<?> capability() {
        return ExactPartition.class;
    }

    @Override
    public boolean likelihood() {
        return true;
    }

    private static OptionalDouble logZ(EvalContext c) {
        long terms = c.options().partitionTerms();
        return c.memo("partition-exact/logZ", () -> ((ExactPartition) c.model()).exactLogPartition(terms));
    }

    @Override
    public String whyNot(EvalContext c) {
        return logZ(c).isPresent() ? null : "enumerating log Z takes more than --partition-terms "
                + c.options().partitionTerms() + " terms";
    }

    @Override
    public Estimate estimate(EvalContext c) {
        ExactPartition m = (ExactPartition) c.model();
        double logZ = logZ(c).orElseThrow();
        float[] ll = c.scoreRows(500, x -> m.energy(x).neg().sub((float) logZ), "-E(x) - log Z");
        String kind = m.exactEnergy() && c.dequantisationOffset() == 0 ? Metric.EXACT : Metric.BOUND;
        String text = "log Z by enumeration" + (m.exactEnergy() ? "" : ", energy a variational bound") + c.scope();
        List<Metric> out = new ArrayList<>(c.nllMetrics(ll, text, kind));
        out.add(new Metric("log_z", logZ, "nats", "enumeration within " + c.options().partitionTerms() + " terms",
                Metric.EXACT, "log partition function of the model's unnormalised density"));
        return new Estimate(out, ll, EvalContext.column(kind));
    }
}
