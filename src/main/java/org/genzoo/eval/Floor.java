package org.genzoo.eval;

import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.GenerativeModel;

/**
 * {@code floor}: what no model can beat on this data, when the data's own distribution is known:
 * the true mixture's NLL on the scored examples (toy mixtures) and the entropy of the
 * distribution (binary-synthetic, by enumeration). Figures of the data, not of the model.
 */
final class Floor implements Estimator {
    @Override
    public String name() {
        return "floor";
    }

    @Override
    public String summary() {
        return "the true distribution's NLL on the same examples, or the data's entropy, when known (toy data)";
    }

    @Override
    public Class<?> capability() {
        return GenerativeModel.class;
    }

    @Override
    public String whyNot(EvalContext c) {
        return c.data().mixture().isEmpty() && c.data().entropyNats().isEmpty()
                ? "the data's true distribution is not known (it is for the toy mixtures and binary-synthetic)" : null;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        List<Metric> out = new ArrayList<>();
        if (c.data().mixture().isPresent()) {
            out.add(new Metric("true_nll", ModeCoverage.trueNll(c.data().mixture().get(), c.split()), "nats",
                    "the true mixture's log-density, exact" + c.scope(), Metric.EXACT,
                    "NLL of the same examples under the distribution that generated them: the floor a model approaches"));
        }
        if (c.data().entropyNats().isPresent()) {
            out.add(new Metric("data_entropy", c.data().entropyNats().getAsDouble(), "nats", "exact (enumeration)",
                    Metric.EXACT, "entropy of the true distribution: no model's expected NLL can be lower"));
        }
        return new Estimate(out);
    }
}
