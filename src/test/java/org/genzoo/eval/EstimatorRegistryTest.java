package org.genzoo.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.genzoo.core.Progress;
import org.genzoo.core.UserError;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.junit.jupiter.api.Test;

/**
 * The estimator registry on test-only models whose figures are known in closed form: which
 * estimators run for which capabilities, by default and by name, each reported separately with
 * its source, and partition-exact's log Z and NLL against the product of Bernoullis' closed form.
 */
class EstimatorRegistryTest {
    private static final Dataset DATA = ChainDoubles.data();

    private static EvalOptions options(List<String> metrics) {
        // small Parzen and mixing runs: these tests are about dispatch, not about those figures
        return new EvalOptions("test", metrics, 5, 0, 500, 20, 400, 7).withMixing(4, 10, 200);
    }

    private static List<String> sources(Evaluator.Result r) {
        return r.metrics().stream().map(Metric::source).distinct().toList();
    }

    private static Metric metric(Evaluator.Result r, String source, String name) {
        return r.metrics().stream().filter(m -> m.source().equals(source) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + source + "/" + name + " in " + r.metrics()));
    }

    /** The closed-form mean NLL of the test split under the product of Bernoullis. */
    private static double closedFormNll() {
        Split test = DATA.test();
        double s = 0;
        for (int i = 0; i < test.size(); i++) {
            s -= ChainDoubles.logP(ChainDoubles.LOGITS, test.row(i));
        }
        return s / test.size();
    }

    @Test
    void partitionExactGivesTheClosedFormLogZAndNll() {
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Bernoullis m = new ChainDoubles.Bernoullis(root, true)) {
            Evaluator.Result r = Evaluator.evaluate(m, DATA, options(List.of("partition-exact")), Progress.NONE);
            assertThat(sources(r)).containsExactly("partition-exact");
            assertThat(metric(r, "partition-exact", "log_z").value())
                    .isCloseTo(ChainDoubles.logZ(ChainDoubles.LOGITS), within(1e-9)); // Σ log(1 + e^b)
            Metric nll = metric(r, "partition-exact", "nll");
            assertThat(nll.value()).isCloseTo(closedFormNll(), within(1e-4)); // float32 energies
            assertThat(nll.kind()).isEqualTo(Metric.EXACT);
            assertThat(metric(r, "partition-exact", "bits_per_dim").value())
                    .isCloseTo(closedFormNll() / (6 * Math.log(2)), within(1e-4));
            // per example: log p(x) = b·x − log Z, row by row
            assertThat(r.perExampleEstimator()).isEqualTo("partition-exact");
            assertThat(r.perExampleColumn()).isEqualTo("log_likelihood_nats");
            for (int i = 0; i < DATA.test().size(); i += 37) {
                assertThat(r.perExample()[i]).isCloseTo(
                        (float) ChainDoubles.logP(ChainDoubles.LOGITS, DATA.test().row(i)), within(1e-4f));
            }
        }
        // an energy that only bounds the free energy makes the figure a bound, shown with "≤"
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Bernoullis m = new ChainDoubles.Bernoullis(root, false)) {
            Evaluator.Result r = Evaluator.evaluate(m, DATA, options(List.of("partition-exact")), Progress.NONE);
            Metric nll = metric(r, "partition-exact", "nll");
            assertThat(nll.kind()).isEqualTo(Metric.BOUND);
            assertThat(nll.cell()).startsWith("≤ ");
            assertThat(r.perExampleColumn()).isEqualTo("lower_bound_nats");
        }
    }

    @Test
    void anEnergyModelGetsItsExactPartitionChainFiguresAndNoParzenUnlessLogZIsTooCostly() {
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Bernoullis m = new ChainDoubles.Bernoullis(root, true)) {
            Evaluator.Result r = Evaluator.evaluate(m, DATA, options(List.of()), Progress.NONE);
            assertThat(sources(r)).containsExactly("partition-exact", "sampling", "mixing");
            assertThat(metric(r, "sampling", "transition_time").unit()).isEqualTo("ms/100");
            // 2^6 = 64 terms: a budget of 63 is too small, so log Z is not enumerated, the model
            // has no other likelihood, and the Parzen fallback takes its place
            EvalOptions small = options(List.of()).withPartitionTerms(63);
            EvalContext c = new EvalContext(m, DATA, small, Progress.NONE);
            assertThat(Estimators.select(c)).extracting(Estimator::name).containsExactly("parzen", "sampling", "mixing");
            assertThat(Estimators.primary(c).name()).isEqualTo("parzen");
            // named, it is a one-line error that says why and names those that apply
            assertThatThrownBy(() -> Estimators.select(new EvalContext(m, DATA,
                    options(List.of("partition-exact")).withPartitionTerms(63), Progress.NONE)))
                    .isInstanceOf(UserError.class)
                    .hasMessage("--metrics partition-exact: does not apply to bernoullis on bernoullis (enumerating "
                            + "log Z takes more than --partition-terms 63 terms); metrics that apply: "
                            + "nll,parzen,sampling,mixing");
        }
    }

    @Test
    void aBoundedModelReportsElboAndIwaeSideBySide() {
        try (NDManager root = NDManager.newBaseManager(); ChainDoubles.Bounded m = new ChainDoubles.Bounded(root)) {
            Evaluator.Result r = Evaluator.evaluate(m, DATA, options(List.of()), Progress.NONE);
            assertThat(sources(r)).containsExactly("iwae", "elbo");
            // L_k = log p − 1/k: the IWAE NLL (k = 5) is 0.2 nats above the truth, the ELBO's 1 nat
            assertThat(metric(r, "iwae", "nll").value()).isCloseTo(closedFormNll() + 0.2, within(1e-4));
            assertThat(metric(r, "elbo", "nll").value()).isCloseTo(closedFormNll() + 1.0, within(1e-4));
            assertThat(metric(r, "iwae", "nll").estimator()).isEqualTo("IWAE k=5");
            assertThat(metric(r, "elbo", "nll").estimator()).isEqualTo("ELBO");
            assertThat(metric(r, "elbo", "nll").kind()).isEqualTo(Metric.BOUND);
            // the per-example file holds the primary estimator's column: IWAE
            assertThat(r.perExampleEstimator()).isEqualTo("iwae");
            float mean = 0;
            for (float v : r.perExample()) {
                mean += v / r.perExample().length;
            }
            assertThat(-mean).isCloseTo((float) metric(r, "iwae", "nll").value(), within(1e-3f));
            // asked for the ELBO alone, the per-example column is the ELBO's
            Evaluator.Result e = Evaluator.evaluate(m, DATA, options(List.of("elbo")), Progress.NONE);
            assertThat(sources(e)).containsExactly("elbo");
            assertThat(e.perExampleEstimator()).isEqualTo("elbo");
            // "nll" is the primary estimator
            assertThat(sources(Evaluator.evaluate(m, DATA, options(List.of("nll")), Progress.NONE)))
                    .containsExactly("iwae");
            // the trainer watches the ELBO
            assertThat(Estimators.validation(m).name()).isEqualTo("-ELBO");
        }
    }

    @Test
    void anExactModelCanAlsoBeGivenAParzenEstimateByName() {
        try (NDManager root = NDManager.newBaseManager(); ChainDoubles.Exact m = new ChainDoubles.Exact(root)) {
            Evaluator.Result d = Evaluator.evaluate(m, DATA, options(List.of()), Progress.NONE);
            assertThat(sources(d)).containsExactly("exact", "sampling"); // no Parzen by default
            assertThat(metric(d, "exact", "nll").value()).isCloseTo(closedFormNll(), within(1e-4));
            Evaluator.Result r = Evaluator.evaluate(m, DATA, options(List.of("parzen", "exact")), Progress.NONE);
            assertThat(sources(r)).containsExactly("exact", "parzen"); // registry order, not the order named
            assertThat(metric(r, "parzen", "nll").kind()).isEqualTo(Metric.ESTIMATE);
            assertThat(r.perExampleEstimator()).isEqualTo("exact");
            assertThat(Estimators.validation(m).name()).isEqualTo("NLL (exact)");
            assertThatThrownBy(() -> Evaluator.evaluate(m, DATA, options(List.of("mixing")), Progress.NONE))
                    .isInstanceOf(UserError.class)
                    .hasMessage("--metrics mixing: does not apply to exact on bernoullis (it needs a model with Markov "
                            + "chain sampling (sample --steps)); metrics that apply: nll,exact,parzen,sampling");
            assertThatThrownBy(() -> Evaluator.evaluate(m, DATA, options(List.of("modes")), Progress.NONE))
                    .isInstanceOf(UserError.class).hasMessageContaining("known modes");
        }
    }

    @Test
    void listShowsWhatEachCapabilityAllows() {
        assertThat(Estimators.forType(ChainDoubles.Bernoullis.class)).extracting(Estimator::name)
                .containsExactly("partition-exact", "parzen", "floor", "modes", "sampling", "mixing", "visits");
        assertThat(Estimators.forType(ChainDoubles.Bounded.class)).extracting(Estimator::name)
                .containsExactly("iwae", "elbo", "floor");
        assertThat(Estimators.forType(ChainDoubles.Exact.class)).extracting(Estimator::name)
                .containsExactly("exact", "parzen", "floor", "modes", "sampling");
        assertThat(Estimators.names()).doesNotHaveDuplicates();
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Bernoullis m = new ChainDoubles.Bernoullis(root, true)) {
            assertThat(Estimators.validation(m)).isNull(); // no cheap score: trains for the epochs asked
        }
    }
}
