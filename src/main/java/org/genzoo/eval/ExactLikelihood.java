package org.genzoo.eval;

import java.util.List;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Seeds;
import org.genzoo.core.ValidationScore;

/**
 * {@code exact}: log p(x) as the model computes it (the chain rule of an autoregressive model, the
 * change of variables of a flow). On dequantised 256-level data the figure is an upper bound on
 * the discrete NLL (Theis et al. 2016), and its kind says so.
 */
final class ExactLikelihood implements Estimator {
    @Override
    public String name() {
        return "exact";
    }

    @Override
    public String summary() {
        return "exact log p(x) of a tractable density (an upper bound on the NLL of dequantised 256-level data)";
    }

    @Override
    public Class<?> capability() {
        return ExactDensity.class;
    }

    @Override
    public boolean likelihood() {
        return true;
    }

    @Override
    public ValidationScore validation(GenerativeModel model) {
        ExactDensity d = (ExactDensity) model;
        return Estimators.score("NLL (exact)", x -> d.logProb(x).neg());
    }

    @Override
    public Estimate estimate(EvalContext c) {
        ExactDensity d = (ExactDensity) c.model();
        Seeds.seedEngine(c.options().seed(), "eval-nll", 0);
        float[] ll = c.scoreRows(500, d::logProb, "exact log p");
        String kind = c.dequantisationOffset() == 0 ? Metric.EXACT : Metric.BOUND;
        List<Metric> m = c.nllMetrics(ll, "exact" + c.scope(), kind);
        return new Estimate(m, ll, EvalContext.column(kind));
    }
}
