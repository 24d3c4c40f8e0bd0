package org.genzoo.eval;

import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;

/**
 * {@code sampling}: wall time to draw 100 samples (the tutorial's claim that GANs sample in one
 * shot, measured). For a Markov chain sampler, also the time of one transition of 100 chains, so
 * that a sample's cost reads as transitions × time per transition.
 */
final class SamplingTime implements Estimator {
    /** Transitions timed for the per-transition figure of a chain. */
    static final int TIMED_TRANSITIONS = 100;

    @Override
    public String name() {
        return "sampling";
    }

    @Override
    public String summary() {
        return "time to draw 100 samples; for a Markov chain, also the time of one transition of 100 chains";
    }

    @Override
    public Class<?> capability() {
        return Sampler.class;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        Sampler s = (Sampler) c.model();
        Seeds.seedEngine(c.options().seed(), "eval-sampling", 0);
        double sec = SamplingCost.secondsPer100(s, c.root());
        List<Metric> out = new ArrayList<>();
        String how = "median of 3 timed batches of 100, after one warm-up";
        if (s instanceof MarkovChainSampler m) {
            out.add(new Metric("sample_time", 1000 * sec, "ms/100", how, Metric.ESTIMATE,
                    m.defaultSteps() + " transitions of the chain (its default)"));
            double per = SamplingCost.secondsPer100(m.after(TIMED_TRANSITIONS), c.root()) / TIMED_TRANSITIONS;
            out.add(new Metric("transition_time", 1000 * per, "ms/100", how + " of " + TIMED_TRANSITIONS
                    + " transitions, divided by " + TIMED_TRANSITIONS, Metric.ESTIMATE,
                    "one transition of 100 chains: a sample after t transitions costs t times this"));
        } else {
            out.add(new Metric("sample_time", 1000 * sec, "ms/100", how, Metric.ESTIMATE,
                    s.oneShotSampling() ? "one network pass per batch" : "sequential passes"));
        }
        return new Estimate(out);
    }
}
