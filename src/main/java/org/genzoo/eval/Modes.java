package org.genzoo.eval;

import java.util.List;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;

/**
 * {@code modes}: on a toy mixture, the modes covered by the model's samples and the share of
 * samples near some mode, counted as in VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al.
 * 2018); see {@link ModeCoverage}.
 */
final class Modes implements Estimator {
    @Override
    public String name() {
        return "modes";
    }

    @Override
    public String summary() {
        return "modes covered and high-quality share of samples on toy mixtures (VEEGAN, PacGAN)";
    }

    @Override
    public Class<?> capability() {
        return Sampler.class;
    }

    @Override
    public String whyNot(EvalContext c) {
        return c.data().mixture().isEmpty() ? "it needs data with known modes, such as ring8 or grid25" : null;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        var o = c.options();
        Seeds.seedEngine(o.seed(), "eval-modes", 0);
        ModeCoverage.Counts n = ModeCoverage.count((Sampler) c.model(), c.data().mixture().get(), o.modeSamples(),
                o.modeMin(), c.root());
        return new Estimate(List.of(
                new Metric("modes", n.covered(), "of " + n.modes(), "nearest centre, >= " + o.modeMin()
                        + " samples within 3 std, of " + o.modeSamples(), Metric.ESTIMATE,
                        "modes covered, counted as in VEEGAN and PacGAN"),
                new Metric("high_quality", 100.0 * n.highQuality(), "%", "within 3 std of the nearest centre, of "
                        + o.modeSamples() + " samples", Metric.ESTIMATE, "share of samples near some mode")));
    }
}
