package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.genzoo.core.Progress;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.Trainer;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.Estimators;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import org.junit.jupiter.api.Test;

/**
 * {@code eval}'s {@code ais} estimator on a trained RBM small enough for {@code partition-exact}:
 * both run by default, side by side, and AIS's NLL lies within its reported error of the exact one.
 */
class AisEvalTest {

    private static Metric metric(Evaluator.Result r, String source, String name) {
        return r.metrics().stream().filter(m -> m.source().equals(source) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + source + "/" + name + " in " + r.metrics()));
    }

    @Test
    void aisRunsBesideTheExactPartitionFunctionAndAgreesWithinItsError() {
        Dataset data = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(2000, 200, 200));
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Rbm r = new Rbm(RbmConfig.toy().withHidden(12), data.spec(), root);
            TrainConfig cfg = new TrainConfig(5, 50, OptimizerSpec.sgd(0.05, 0.9), 3, 0, 0, 1000);
            new Trainer(List.of(), Estimators::validation).train(r, data, cfg, null, false);

            EvalOptions o = new EvalOptions("test", List.of(), 5, 0, 500, 20, 400, 7).withAis(100, 1000)
                    .withMixing(4, 10, 200);
            Evaluator.Result res = Evaluator.evaluate(r, data, o, Progress.NONE);
            List<String> sources = res.metrics().stream().map(Metric::source).distinct().toList();
            assertThat(sources).contains("partition-exact", "ais").doesNotContain("parzen");
            assertThat(res.perExampleEstimator()).as("exact log Z is the primary figure when it is cheap")
                    .isEqualTo("partition-exact");

            Metric exact = metric(res, "partition-exact", "nll");
            Metric ais = metric(res, "ais", "nll");
            double se = metric(res, "ais", "log_z_se").value();
            assertThat(ais.kind()).isEqualTo(Metric.ESTIMATE);
            assertThat(se).isPositive().isLessThan(0.2);
            // NLL = mean F(x) + log Z for both, so their gap is AIS's error in log Z
            assertThat(Math.abs(ais.value() - exact.value())).as("AIS %s against exact %s", ais, exact)
                    .isLessThan(3 * se + 1e-3);
            double exactLogZ = metric(res, "partition-exact", "log_z").value();
            assertThat(Math.abs(metric(res, "ais", "log_z").value() - exactLogZ)).isLessThan(3 * se + 1e-3);
            // the certified lower bound lies below the exact log Z, and AIS is not called out
            Metric bound = metric(res, "ais", "log_z_lower_bound");
            assertThat(bound.value()).as("%s against the exact %s", bound, exactLogZ).isLessThan(exactLogZ + 0.05);
            // and, on this nearly factorial model, close to it (measured gap 0.011 nats, s.e. 0.003)
            assertThat(bound.value()).as("%s against the exact %s", bound, exactLogZ).isGreaterThan(exactLogZ - 0.1);
            assertThat(bound.note()).doesNotContain("TOO LOW");
        }
    }
}
