package org.genzoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.Json;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.UserError;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.Estimator;
import org.genzoo.eval.Estimators;
import org.genzoo.eval.EvalContext;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code genzoo eval DIR}: scores a trained run with every estimator its capabilities allow. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a trained run with every estimator that applies to it (or those --metrics names), each "
                + "reported on its own: exact log p for exact densities; log Z by enumeration for small energy models "
                + "(partition-exact); the IWAE bound (k=5000) and the ELBO side by side for variational models; a "
                + "Parzen-window estimate for models that only sample (or for any sampler, when named); the true "
                + "distribution's NLL on toy data (floor); modes covered on toy mixtures; the time to draw 100 samples; "
                + "and for Markov chain samplers the autocorrelation time of the chain (mixing). 'genzoo list' names "
                + "the estimators each model allows.",
                "A progress bar with the time left goes to stderr, also with --json. The default, IWAE k=5000 on the "
                + "10,000 MNIST test images, took 31 minutes on one core of a shared machine; --quick (k=500 on the "
                + "first 1,000 examples) took half a minute on 2 cores, and its estimator says so in the output."})
final class EvalCommand implements Callable<Integer> {
    /** Importance samples of the default evaluation (Burda et al.'s protocol). */
    static final int DEFAULT_K = 5000;
    /** {@code --quick}: importance samples. */
    static final int QUICK_K = 500;
    /** {@code --quick}: examples scored. */
    static final int QUICK_LIMIT = 1000;
    /** {@code --quick}: intermediate distributions of AIS. */
    static final int QUICK_AIS = 1000;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory written by 'genzoo train'.")
    Path dir;

    @Option(names = "--data", paramLabel = "D", description = "Data to score (default: the data the run was trained on). "
            + "A .csv, .npy or IDX folder given here is scored whole, every example in file order (see --split).")
    String data;

    @Option(names = "--split", paramLabel = "S", description = "train, valid, test or all (default: all for a file "
            + "given with --data, test for built-in data and for the run's own data). 'all' is train, valid and test "
            + "in that order, which for a .csv or .npy file is every row in file order.")
    String split;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",", description = "Some of exact, partition-exact, ais, iwae, "
            + "elbo, parzen, floor, modes, sampling, mixing; or nll, the model's primary likelihood estimator (the first "
            + "of exact, partition-exact, ais, iwae, parzen that applies) and floor. Default: all that apply, Parzen only for "
            + "a model with no other likelihood.")
    List<String> metrics = List.of();

    @Option(names = "--partition-terms", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_PARTITION_TERMS,
            description = "partition-exact: enumerate log Z only when it takes at most N terms (default ${DEFAULT-VALUE}, 2^24).")
    long partitionTerms;

    @Option(names = "--mixing-chains", paramLabel = "M", defaultValue = "" + EvalOptions.DEFAULT_MIXING_CHAINS,
            description = "mixing: independent chains (default ${DEFAULT-VALUE}).")
    int mixingChains;

    @Option(names = "--mixing-burn-in", paramLabel = "B", defaultValue = "" + EvalOptions.DEFAULT_MIXING_BURN_IN,
            description = "mixing: transitions run before recording (default ${DEFAULT-VALUE}).")
    int mixingBurnIn;

    @Option(names = "--mixing-steps", paramLabel = "T", defaultValue = "" + EvalOptions.DEFAULT_MIXING_STEPS,
            description = "mixing: transitions recorded per chain (default ${DEFAULT-VALUE}); the estimate is trusted "
                    + "when T is at least 50 times the autocorrelation time.")
    int mixingSteps;

    @Option(names = "--ais-runs", paramLabel = "M", defaultValue = "" + EvalOptions.DEFAULT_AIS_RUNS,
            description = "ais: independent annealing runs (default ${DEFAULT-VALUE}).")
    int aisRuns;

    @Option(names = "--ais-intermediates", paramLabel = "K",
            description = "ais: intermediate distributions of each run (default " + EvalOptions.DEFAULT_AIS_INTERMEDIATES
                    + ", Salakhutdinov & Murray's schedule, or " + QUICK_AIS + " with --quick). More are slower and "
                    + "closer to the true log Z.")
    Integer aisIntermediates;

    @Option(names = "--k", paramLabel = "K",
            description = "Importance samples of the IWAE bound for variational models (default " + DEFAULT_K
                    + ", or " + QUICK_K + " with --quick).")
    Integer k;

    @Option(names = "--quick", description = "A quick look: IWAE k=" + QUICK_K + " and AIS with " + QUICK_AIS
            + " distributions, on the first " + QUICK_LIMIT
            + " examples (unless --k, --ais-intermediates or --limit say otherwise). The estimator in the output names both.")
    boolean quick;

    @Spec
    CommandSpec spec;

    int limit;

    /** Checked while parsing, like every command's --limit: a bad value is a usage error before any work. */
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Score only the first N examples of the split (0: all). The estimator in the output says so.")
    void setLimit(int n) {
        limit = DataOptions.checkLimit(spec, n);
    }

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "256m",
            description = "Engine working memory for one chunk of the work, such as 256m or 2g (default ${DEFAULT-VALUE}). "
                    + "Importance samples and examples are taken in chunks that fit it; the process needs a few "
                    + "hundred MB more. A smaller budget is slower, never less exact.")
    String memory;

    @Option(names = "--json", description = "Print one JSON object on stdout: each metric with its value, estimator and kind (exact, bound or estimate).")
    boolean json;

    @Option(names = "--per-example", paramLabel = "FILE.csv",
            description = "Write each example's value in nats, one row per example in data order, from the model's "
                    + "primary likelihood estimator (see --metrics; else the first likelihood estimator that ran), in a "
                    + "column named for what it holds: log_likelihood_nats (exact), lower_bound_nats (a bound, such as "
                    + "IWAE) or estimate_nats (Parzen).")
    Path perExample;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        int kk = k != null ? k : quick ? QUICK_K : DEFAULT_K;
        int lim = limit == 0 && quick ? QUICK_LIMIT : limit;
        boolean userFile = data != null && !Datasets.builtInNames().contains(data);
        String sp = split != null ? split : userFile ? "all" : "test";
        EvalOptions o = EvalOptions.defaults().with(sp, metrics, kk, lim)
                .withMemory(MemoryBudget.parse(memory, "--memory")).withPartitionTerms(partitionTerms)
                .withMixing(mixingChains, mixingBurnIn, mixingSteps)
                .withAis(aisRuns, aisIntermediates != null ? aisIntermediates
                        : quick ? QUICK_AIS : EvalOptions.DEFAULT_AIS_INTERMEDIATES);
        if (perExample != null) {
            OutputFiles.check(perExample, "--per-example", "scores.csv", true, null);
        }
        try (Runs.Opened run = Runs.open(dir)) {
            // the whole data: --limit cuts the chosen split below, not each split at load
            Dataset ds = Datasets.load(data != null ? data : run.spec().data(), LoadOptions.defaults());
            if (!ds.spec().equals(run.spec().dataSpec())) {
                throw new UserError("--data " + ds.name() + ": examples are " + ds.spec()
                        + ", the model was trained on " + run.spec().dataSpec());
            }
            engine.configure(ds.spec()); // before select: deciding what applies may already compute (log Z)
            // the bar goes to stderr, so it stays on with --json (which prints on stdout)
            EvalContext context = new EvalContext(run.model(), ds, o, engine.progress(false));
            List<Estimator> chosen = Estimators.select(context);
            if (perExample != null && chosen.stream().noneMatch(Estimator::likelihood)) {
                throw new UserError("--per-example: no log-likelihood is computed with --metrics "
                        + String.join(",", o.metrics()) + "; add nll or a likelihood estimator");
            }
            Evaluator.Result r = Evaluator.evaluate(context, chosen);
            if (perExample != null) {
                writePerExample(perExample, r);
            }
            Map<String, Object> obj = toJson(run.spec().model(), ds.name(), o.split(), r.metrics());
            if (json) {
                System.out.println(Json.MAPPER.valueToTree(obj).toPrettyString());
            } else {
                System.out.printf("%s on %s (%s split)%n", run.spec().model(), ds.name(), o.split());
                for (Metric m : r.metrics()) {
                    System.out.printf("  %-15s %-24s %-22s %-9s %s; %s%n", m.source(), m.name(), m.cell(), m.kind(),
                            m.estimator(), m.note());
                }
            }
        }
        return 0;
    }

    /**
     * The JSON object {@code --json} prints and compare records: the figures grouped by the
     * estimator that gave them, {@code metrics.ESTIMATOR.METRIC}, such as {@code metrics.iwae.nll}.
     */
    static Map<String, Object> toJson(String model, String data, String split, List<Metric> metrics) {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("model", model);
        obj.put("data", data);
        obj.put("split", split);
        Map<String, Map<String, Object>> ms = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Double.isFinite(m.value()) ? m.value() : null);
            e.put("unit", m.unit());
            e.put("estimator", m.estimator());
            e.put("kind", m.kind());
            e.put("note", m.note());
            ms.computeIfAbsent(m.source().isEmpty() ? "other" : m.source(), k -> new LinkedHashMap<>()).put(m.name(), e);
        }
        obj.put("metrics", ms);
        return obj;
    }

    private static void writePerExample(Path file, Evaluator.Result r) {
        if (r.perExample() == null) {
            throw new UserError("--per-example: this model has no log-likelihood, bound or estimate to write");
        }
        StringBuilder sb = new StringBuilder("index,").append(r.perExampleColumn()).append('\n');
        float[] v = r.perExample();
        for (int i = 0; i < v.length; i++) {
            sb.append(i).append(',').append(v[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
