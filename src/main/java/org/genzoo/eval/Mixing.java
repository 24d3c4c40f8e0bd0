package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Energy;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.Seeds;

/**
 * {@code mixing}: how fast a Markov chain sampler forgets where it was, as a number: the
 * integrated autocorrelation time τ of a few chain statistics (the mean of the visible units;
 * the energy of the visible units when the model is an {@link Energy}), by Sokal's windowed
 * estimator ({@link Autocorrelation}), over M chains after a burn-in. A chain yields about one
 * independent sample every τ transitions, so the effective sample size per transition is 1/τ
 * per chain (M·T/τ over the run). The tutorial's charge against Markov chain models (Goodfellow
 * 2016, section 2.6) is that this number is large.
 */
final class Mixing implements Estimator {
    @Override
    public String name() {
        return "mixing";
    }

    @Override
    public String summary() {
        return "integrated autocorrelation time (Sokal's windowed estimator) and effective sample size per"
                + " transition of a Markov chain sampler";
    }

    @Override
    public Class<?> capability() {
        return MarkovChainSampler.class;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        MarkovChainSampler s = (MarkovChainSampler) c.model();
        EvalOptions o = c.options();
        int chains = o.mixingChains();
        int steps = o.mixingSteps();
        Map<String, double[][]> stats = new LinkedHashMap<>();
        stats.put("visible_mean", new double[chains][steps]);
        if (s instanceof Energy) {
            stats.put("energy", new double[chains][steps]);
        }
        Seeds.seedEngine(o.seed(), "eval-mixing", 0);
        c.progress().start("mixing", o.mixingBurnIn() + (long) steps, " steps");
        try (NDManager chain = c.root().newSubManager()) {
            NDArray state = s.initialState(chain, chains);
            for (int t = 0; t < o.mixingBurnIn(); t++) {
                state = s.advance(chain, state);
                c.progress().advance(1);
            }
            for (int t = 0; t < steps; t++) {
                state = s.advance(chain, state);
                try (NDManager sm = chain.newSubManager()) {
                    NDArray copy = state.duplicate(); // its statistics' arrays then follow it into sm
                    copy.attach(sm);
                    NDArray v = s.visible(copy);
                    float[] mean = v.mean(new int[] {1}).toFloatArray();
                    float[] energy = s instanceof Energy e ? e.energy(v).toFloatArray() : null;
                    for (int m = 0; m < chains; m++) {
                        stats.get("visible_mean")[m][t] = mean[m];
                        if (energy != null) {
                            stats.get("energy")[m][t] = energy[m];
                        }
                    }
                }
                c.progress().advance(1);
            }
        } finally {
            c.progress().end();
        }
        List<Metric> out = new ArrayList<>();
        String how = String.format("Sokal's window (c=%.0f) over %d chains of %d transitions after %d of burn-in",
                Autocorrelation.C, chains, steps, o.mixingBurnIn());
        for (Map.Entry<String, double[][]> e : stats.entrySet()) {
            String stat = e.getKey().replace('_', ' ');
            Autocorrelation.Time tau;
            try {
                tau = Autocorrelation.integratedTime(e.getValue());
            } catch (IllegalArgumentException constant) {
                continue; // every chain held the statistic fixed: nothing to measure
            }
            String trust = tau.trusted() ? "" : String.format("; not trusted: the chains are shorter than %.0f τ"
                    + " (raise --mixing-steps)", Autocorrelation.TRUSTED_LENGTHS);
            out.add(new Metric("tau_" + e.getKey(), tau.tau(), "transitions", how + ", window " + tau.window(),
                    Metric.ESTIMATE, String.format("integrated autocorrelation time of the %s (relative standard error"
                            + " %.2g)%s", stat, tau.relativeError(), trust)));
            out.add(new Metric("ess_per_transition_" + e.getKey(), 1 / tau.tau(), "", "1 / tau", Metric.ESTIMATE,
                    String.format("effective samples of the %s per chain per transition (%.0f over the run)", stat,
                            chains * (double) steps / tau.tau())));
        }
        return new Estimate(out);
    }
}
