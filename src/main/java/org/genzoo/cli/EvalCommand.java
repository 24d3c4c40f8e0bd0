package org.genzoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.Json;
import org.genzoo.data.Dataset;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genzoo eval DIR}: scores a trained run with the estimator its capabilities call for. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a trained run. The log-likelihood estimator follows from what the model can do: exact "
                + "for exact densities, the IWAE bound (k=5000) for variational models, a Parzen-window estimate for "
                + "models that only sample. On toy mixtures, modes covered and the share of high-quality samples; "
                + "for every sampler, the time to draw 100 samples."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory written by 'genzoo train'.")
    Path dir;

    @Option(names = "--data", paramLabel = "D", description = "Data to score (default: the data the run was trained on).")
    String data;

    @Option(names = "--split", paramLabel = "S", defaultValue = "test", description = "train, valid or test (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",", description = "Some of nll,modes,sampling (default: all that apply).")
    List<String> metrics = List.of();

    @Option(names = "--k", paramLabel = "K", defaultValue = "5000",
            description = "Importance samples of the IWAE bound for variational models (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print one JSON object: each metric with its value, estimator and kind (exact, bound or estimate).")
    boolean json;

    @Option(names = "--per-example", paramLabel = "FILE.csv",
            description = "Write each example's log-likelihood (or bound, or estimate) in nats, one row per example in data order.")
    Path perExample;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        EvalOptions o = EvalOptions.defaults().with(split, metrics, k, dataOptions.limit);
        try (Runs.Opened run = Runs.open(dir)) {
            Dataset ds = dataOptions.load(data != null ? data : run.spec().data());
            if (!ds.spec().equals(run.spec().dataSpec())) {
                throw new org.genzoo.core.UserError("--data " + ds.name() + ": examples are " + ds.spec()
                        + ", the model was trained on " + run.spec().dataSpec());
            }
            engine.configure(ds.spec());
            Evaluator.Result r = Evaluator.evaluate(run.model(), ds, o, engine.progress(json));
            if (perExample != null) {
                if (r.perExample() == null) {
                    throw new org.genzoo.core.UserError("--per-example: no log-likelihood was computed (add nll to --metrics)");
                }
                writePerExample(perExample, r);
            }
            Map<String, Object> obj = toJson(run.spec().model(), ds.name(), o.split(), r.metrics());
            if (json) {
                System.out.println(Json.MAPPER.valueToTree(obj).toPrettyString());
            } else {
                System.out.printf("%s on %s (%s split)%n", run.spec().model(), ds.name(), o.split());
                for (Metric m : r.metrics()) {
                    System.out.printf("  %-14s %-22s %-9s %s; %s%n", m.name(), m.cell(), m.kind(), m.estimator(), m.note());
                }
            }
        }
        return 0;
    }

    /** The JSON object {@code --json} prints and compare records. */
    static Map<String, Object> toJson(String model, String data, String split, List<Metric> metrics) {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("model", model);
        obj.put("data", data);
        obj.put("split", split);
        Map<String, Object> ms = new LinkedHashMap<>();
        for (Metric m : metrics) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Double.isFinite(m.value()) ? m.value() : null);
            e.put("unit", m.unit());
            e.put("estimator", m.estimator());
            e.put("kind", m.kind());
            e.put("note", m.note());
            ms.put(m.name(), e);
        }
        obj.put("metrics", ms);
        return obj;
    }

    private static void writePerExample(Path file, Evaluator.Result r) {
        StringBuilder sb = new StringBuilder("index,log_likelihood_nats\n");
        float[] v = r.perExample();
        for (int i = 0; i < v.length; i++) {
            sb.append(i).append(',').append(v[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
