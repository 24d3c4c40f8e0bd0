package org.genzoo.eval;

import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;

/**
 * {@code parzen}: a Gaussian kernel density on the model's samples, its width fitted on the
 * validation split (Breuleux et al. 2011, as used by Goodfellow et al. 2014). An estimate that can
 * land above or below the truth (Theis et al. 2016); by default only for models with no density,
 * bound or partition function, and on request for any sampler.
 */
final class ParzenEstimate implements Estimator {
    @Override
    public String name() {
        return "parzen";
    }

    @Override
    public String summary() {
        return "Parzen-window estimate from the model's samples, width fit on the validation split (Breuleux et al."
                + " 2011); by default only for models with nothing better";
    }

    @Override
    public Class<?> capability() {
        return Sampler.class;
    }

    @Override
    public Role role() {
        return Role.FALLBACK;
    }

    @Override
    public boolean likelihood() {
        return true;
    }

    @Override
    public String whyNot(EvalContext c) {
        return c.data().valid().size() == 0 ? "the data has no validation split to fit the kernel width on" : null;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        Seeds.seedEngine(c.options().seed(), "eval-nll", 0);
        Parzen.Fit fit = Parzen.fit((Sampler) c.model(), c.data().valid(), c.options(), c.root(), c.progress());
        float[] ll = Parzen.score(fit, c.split(), c.root(), c.progress());
        float offset = (float) c.dequantisationOffset();
        for (int i = 0; i < ll.length; i++) {
            ll[i] -= offset; // as for the other likelihoods: from [0,1)^D to the 256-level data
        }
        String text = "Parzen window (" + c.options().parzenSamples() + " samples, sigma="
                + String.format("%.3g", fit.sigma()) + " fit on valid)" + c.scope();
        return new Estimate(c.nllMetrics(ll, text, Metric.ESTIMATE), ll, EvalContext.column(Metric.ESTIMATE));
    }
}
