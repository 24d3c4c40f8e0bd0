package org.genzoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.genzoo.Runs;
import org.genzoo.Zoo;
import org.genzoo.core.CsvLog;
import org.genzoo.core.Json;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.RunSpec;
import org.genzoo.core.Sampler;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.TrainingDivergedException;
import org.genzoo.core.UserError;
import org.genzoo.data.DataKind;
import org.genzoo.data.Dataset;
import org.genzoo.eval.DensityGrid;
import org.genzoo.eval.EvalOptions;
import org.genzoo.eval.Evaluator;
import org.genzoo.eval.Metric;
import org.genzoo.explicit.tractable.autoregressive.SamplingScaling;
import org.genzoo.report.ComparisonTable;
import org.genzoo.report.HtmlReport;
import org.genzoo.report.Pictures;
import org.genzoo.report.Plots;
import org.genzoo.report.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code genzoo compare}: trains every chosen model on the same data, evaluates them alike and
 * writes {@code index.html} and {@code results.json}. Each model trains in its own run directory
 * under the output folder; running compare again continues or reuses those runs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train every chosen model on the same data, evaluate them alike, and write DIR/index.html "
                + "(a table and a picture per model) and DIR/results.json.",
                "With no arguments: every model on ring8 (8 Gaussians on a circle), about 8 minutes on 2 cores.",
                "A model whose training diverges is reported on the page and scored with the best parameters it kept."})
final class CompareCommand implements Callable<Integer> {
    /** Per-dimension frequencies of samples against the data, for data with no sample picture. */
    static final String MARGINALS = "marginals.png";
    /** The model's density as a heat map, for models with a density on 2-D continuous data. */
    static final String DENSITY = "density.png";
    /** File stem of a Markov chain sampler's pictures after 1, 10, 100, 1,000 transitions. */
    static final String CHAIN = "chain";
    /** Training curves drawn from the run's log. */
    static final String CURVES = "curves.png";
    /** Samples drawn for the marginal frequencies. */
    static final int MARGINAL_SAMPLES = 5000;

    @Option(names = "--data", paramLabel = "D", defaultValue = "ring8", description = "Data set (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--models", paramLabel = "LIST", split = ",",
            description = "Models to compare (default: every model in 'genzoo list').")
    List<String> models;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare-out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs for every model (default: each model's default).")
    Integer epochs;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting of every model, as 'genzoo train --set' does; a training setting (lr, "
                    + "lr_decay, batch, ...) suits every model, a model setting only the models that have it. Repeatable.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-batches", paramLabel = "N", defaultValue = "0", description = "At most N steps per epoch (0: all).")
    int maxBatches;

    @Option(names = "--k", paramLabel = "K", defaultValue = "5000", description = "IWAE importance samples (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--scaling-sides", paramLabel = "LIST", split = ",", defaultValue = "8,14,28", converter = Sides.class,
            description = "Sides of the binary s×s images at which every model's sampling time is measured "
                    + "(untrained models; default ${DEFAULT-VALUE}; empty to skip).")
    List<Integer> scalingSides;

    /** Turns {@code --scaling-sides ""} into an empty list, as the help promises (picocli would parse "" as a number). */
    static final class Sides implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            if (v.isBlank()) {
                return null;
            }
            try {
                int side = Integer.parseInt(v.trim());
                if (side < 2) {
                    throw new NumberFormatException();
                }
                return side;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected image sides of 2 or more, got '" + v + "'");
            }
        }
    }

    @Mixin
    DataOptions dataOptions;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        if (models == null || models.isEmpty()) {
            Zoo.all().forEach(e -> names.add(e.name()));
        } else {
            for (String m : models) {
                names.add(Zoo.get(m.trim()).name()); // fails early on an unknown name
            }
        }
        Dataset ds = dataOptions.load(data);
        engine.configure(ds.spec());
        EvalOptions eo = EvalOptions.defaults().with("test", List.of(), k, 0);
        List<Map<String, Object>> results = new ArrayList<>();
        List<ComparisonTable.Entry> entries = new ArrayList<>();
        LinkedHashMap<String, Double> sampleTimes = new LinkedHashMap<>();
        Map<String, Double> transitionTimes = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, String> diverged = new LinkedHashMap<>();
        Map<String, String> densities = new LinkedHashMap<>(); // model name to what its heat map shows
        Map<String, List<Path>> chainPictures = new LinkedHashMap<>(); // Markov chain samplers' pictures
        float[] densityBox = null;
        boolean pictured = Pictures.hasSamplePicture(ds.spec());
        double trueNll = Double.NaN;
        for (String name : List.copyOf(names)) {
            RunSpec spec = Runs.spec(new Runs.Request(name, sets, epochs, seed, maxBatches), ds);
            String why = Runs.unsupported(spec);
            if (why != null) {
                if (models != null && !models.isEmpty()) {
                    throw new UserError("--models " + name + ": " + why);
                }
                skipped.put(name, why); // the default list takes every model that fits the data
                names.remove(name);
                continue;
            }
            Path dir = out.resolve(name);
            System.err.println("== " + name + " on " + ds.name());
            TrainResult tr = null;
            try {
                tr = Runs.train(spec, ds, dir, true,
                        List.of(engine.progress(false), new CsvLog(dir.resolve(Trainer.LOG))));
            } catch (TrainingDivergedException e) {
                // one model's divergence is a finding of the comparison, not the end of it: score
                // its best parameters when it kept any, and say so on the page
                System.err.println("genzoo: " + name + ": " + e.getMessage());
                if (!Files.isRegularFile(dir.resolve(Trainer.PARAMS))) {
                    skipped.put(name, "training diverged before its first checkpoint");
                    names.remove(name);
                    continue;
                }
                diverged.put(name, e.getMessage());
            }
            Evaluator.Result er;
            try (Runs.Opened run = Runs.open(dir)) {
                er = Evaluator.evaluate(run.model(), ds, eo, engine.progress(false));
                if (pictured && DensityGrid.applies(run.model())) {
                    if (densityBox == null) { // the same box for every model: the training data's
                        densityBox = DensityGrid.boxAround(ds.train().rows(), 0.1);
                    }
                    DensityGrid grid = DensityGrid.compute(run.model(), densityBox,
                            DensityGrid.DEFAULT_SIDE, run.root(), seed);
                    Pictures.density(dir.resolve(DENSITY), grid, name + " on " + ds.name());
                    densities.put(name, grid.estimator());
                }
                if (pictured && run.model() instanceof MarkovChainSampler chain) {
                    chainPictures.put(name, chainPictures(chain, ds, dir, name + " on " + ds.name(), run.root()));
                }
                if (!pictured && run.model() instanceof Sampler sampler) {
                    // no scatter or image grid fits this data: compare each dimension's frequency
                    float[][] rows = Runs.draw(sampler, ds.spec().dim(), MARGINAL_SAMPLES, seed, run.root());
                    Pictures.marginals(dir.resolve(MARGINALS), ds.spec(), rows, ds.test(),
                            name + " against the " + ds.name() + " test split");
                }
            }
            Map<String, Object> res = EvalCommand.toJson(name, ds.name(), "test", er.metrics());
            res.put("leaf", Zoo.get(name).leaf().path());
            res.put("train", tr);
            if (diverged.containsKey(name)) {
                res.put("diverged", diverged.get(name));
            }
            results.add(res);
            Map<String, Object> runMetrics = new LinkedHashMap<>();
            runMetrics.put("train", tr); // null when training diverged: the reason is in "eval"."diverged"
            runMetrics.put("eval", res);
            Json.writeAtomic(dir.resolve(Runs.METRICS), runMetrics);
            for (Metric m : er.metrics()) {
                if (m.name().equals("transition_time")) {
                    transitionTimes.put(name, m.value());
                }
                if (m.name().equals("sample_time")) {
                    sampleTimes.put(name, m.value());
                } else if (m.name().equals("true_nll")) {
                    trueNll = m.value();
                }
            }
            entries.add(new ComparisonTable.Entry(name, Zoo.get(name).leaf().path(), er.metrics(),
                    tr == null ? Double.NaN : tr.seconds()));
        }
        HtmlReport page = new HtmlReport("genzoo compare: " + ds.name())
                .paragraph("Every model trained on the same data (" + ds.name() + ", " + ds.train().size()
                        + " training examples, seed " + seed + ") and scored on the test split with every estimator "
                        + "its capabilities allow ('genzoo list' names them). Each likelihood figure sits in the column "
                        + "of its kind: an exact value, an upper bound (≤) or a Parzen estimate; figures of different "
                        + "kinds do not compare, and a second figure of one kind (a VAE's ELBO beside its IWAE bound) "
                        + "gets a column named after its estimator. "
                        + "The small print under a figure names its estimator. Generated " + LocalDate.now() + " on "
                        + Runtime.getRuntime().availableProcessors() + " cores.");
        if (ds.spec().kind() == DataKind.CONTINUOUS) {
            page.note(negativeNllNote(ds.name(), trueNll));
        }
        ComparisonTable.addTo(page, entries);
        page.paragraph("★ marks the best figure of a column, among the models that have one; it is never given "
                + "across columns, so an estimate is not ranked against a bound.");
        if (!skipped.isEmpty()) {
            StringBuilder sb = new StringBuilder("Not run on this data: ");
            skipped.forEach((m, why) -> sb.append(m).append(" (").append(why).append("); "));
            page.paragraph(sb.substring(0, sb.length() - 2) + ".");
        }
        if (!diverged.isEmpty()) {
            StringBuilder sb = new StringBuilder("Diverged in training, scored with the best parameters they kept: ");
            diverged.forEach((m, why) -> sb.append(m).append(" (").append(why).append("); "));
            page.note(sb.substring(0, sb.length() - 2) + ".");
        }
        if (!sampleTimes.isEmpty()) {
            Plots.bars(out.resolve("sampling.png"), "Time to draw 100 samples (trained models)", "milliseconds",
                    sampleTimes);
            page.figure("sampling.png", "Sampling cost of the trained models: milliseconds per batch of 100 samples "
                    + "(median of 3 timed batches).");
        }
        Map<String, List<SamplingScaling.Point>> scaling = scaling();
        if (!scaling.isEmpty()) {
            LinkedHashMap<String, double[][]> series = new LinkedHashMap<>();
            scaling.forEach((m, pts) -> series.put(m, new double[][] {
                pts.stream().mapToDouble(SamplingScaling.Point::n).toArray(),
                pts.stream().mapToDouble(p -> 1000 * p.seconds()).toArray()}));
            Plots.measuredLines(out.resolve("sampling-scaling.png"), "Time to draw 100 samples against dimension",
                    "n, pixels of a binary image (log scale; a guide at each measured n)",
                    "milliseconds per 100 samples (log scale)", series);
            page.figure("sampling-scaling.png", "Sampling cost against the number of dimensions, measured on "
                    + "untrained models: autoregressive models need n sequential passes, a VAE or GAN one.");
        }
        for (String name : names) {
            page.section(name + " — " + Zoo.get(name).summary());
            Path dir = out.resolve(name);
            if (pictured && Files.isRegularFile(dir.resolve(Runs.SAMPLES))) {
                page.figure(name + "/" + Runs.SAMPLES, "Samples from " + name + " after training"
                        + (ds.spec().isImage() ? "." : ds.mixture().isPresent()
                                ? " (blue dots). Red crosses: the true centres of the data's "
                                        + ds.mixture().get().centres().length + " modes." : " (blue dots)."));
                if (densities.containsKey(name) && Files.isRegularFile(dir.resolve(DENSITY))) {
                    page.figure(name + "/" + DENSITY, "The density of " + name + " on a " + DensityGrid.DEFAULT_SIDE
                            + "×" + DensityGrid.DEFAULT_SIDE + " grid over the training data's range plus 10% on each "
                            + "side, from its " + densities.get(name) + (densities.get(name).contains("bound")
                                    ? ": the colours are exp(bound), at most the density." : ".")
                            + " White is 0; the scale's top is the largest value on the grid.");
                }
                if (chainPictures.containsKey(name)) {
                    List<Path> files = chainPictures.get(name);
                    String cost = transitionTimes.containsKey(name) ? String.format(" One transition of 100 chains took "
                            + "%.3g ms, so 100 samples after t transitions cost t × %.3g ms: %.3g ms after %d.",
                            transitionTimes.get(name), transitionTimes.get(name),
                            transitionTimes.get(name) * CHAIN_STEPS[CHAIN_STEPS.length - 1],
                            CHAIN_STEPS[CHAIN_STEPS.length - 1]) : "";
                    for (int i = 0; i < files.size(); i++) {
                        String after = files.size() == 1 ? "rows: after " + chainStepsText() + " transitions"
                                : "after " + CHAIN_STEPS[i] + (CHAIN_STEPS[i] == 1 ? " transition" : " transitions");
                        page.figure(name + "/" + files.get(i).getFileName(), "The same " + name + " chains, started "
                                + "from the model's initial states, " + after + ": how far a Markov chain sampler "
                                + "must run before its samples look like the data." + (i == files.size() - 1 ? cost : ""));
                    }
                }
            } else if (Files.isRegularFile(dir.resolve(MARGINALS))) {
                page.figure(name + "/" + MARGINALS, "Each dimension's frequency in " + MARGINAL_SAMPLES
                        + " samples from " + name + " next to its frequency in the test data: the data is neither an "
                        + "image nor 2-D points, so this stands in for a picture of samples.");
            }
            Path log = dir.resolve(Trainer.LOG);
            if (Files.isRegularFile(log)) {
                TrainingLog tl = TrainingLog.read(log);
                if (tl.epochs().length > 0) {
                    Plots.trainingCurves(dir.resolve(CURVES), "Training of " + name + " on " + ds.name(), tl);
                    page.figure(name + "/" + CURVES, "Training curves of " + name + ": each loss part ("
                            + String.join(", ", tl.parts().keySet()) + ") as the batch mean at each logged step"
                            + (tl.valid().length > 0 ? ", and the validation score at each epoch end." : "."));
                }
            }
        }
        page.write(out.resolve("index.html"));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("data", ds.name());
        all.put("data_sha256", ds.sha256());
        all.put("seed", seed);
        all.put("date", LocalDate.now().toString());
        all.put("models", results);
        all.put("skipped", skipped);
        all.put("diverged", diverged);
        all.put("sampling_scaling_seconds_per_100", scaling);
        Json.writeAtomic(out.resolve("results.json"), all);
        System.out.println("wrote " + out.resolve("index.html") + " and " + out.resolve("results.json"));
        return 0;
    }

    /** The numbers of transitions at which a Markov chain sampler's samples are pictured. */
    static final int[] CHAIN_STEPS = {1, 10, 100, 1000};

    /** Chains per number of transitions in the picture: one row of an image grid. */
    static final int CHAIN_IMAGES = 8;

    private static String chainStepsText() {
        return Arrays.stream(CHAIN_STEPS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /**
     * Pictures of the same chains after each of {@link #CHAIN_STEPS} transitions. Every draw is
     * seeded alike, so the chains start from the same states and take the same random numbers:
     * the samples after 10 transitions continue those after 1.
     */
    static List<Path> chainPictures(MarkovChainSampler chain, Dataset ds, Path dir, String title, NDManager root) {
        int n = ds.spec().isImage() ? CHAIN_IMAGES : 1000;
        List<float[][]> samples = new ArrayList<>();
        for (int t : CHAIN_STEPS) {
            samples.add(Runs.draw(chain.after(t), ds.spec().dim(), n, 0, root));
        }
        return Pictures.chainSamples(dir, CHAIN, ds.spec(), CHAIN_STEPS, samples, ds.mixture().orElse(null), title);
    }

    /**
     * Why an NLL can be negative here: a reader who knows NLL from binary images (80 to 100 nats
     * on MNIST) would otherwise take a negative figure for a bug.
     */
    static String negativeNllNote(String data, double trueNll) {
        return "Why some NLLs are negative: " + data + " is continuous data, so a model gives a density, not a "
                + "probability. A density can exceed 1 (a narrow bump on a small region must be tall to hold "
                + "probability 1), so log p(x) > 0 and NLL = −log p(x) < 0 are possible, and lower is still better. "
                + "These nats do not compare with NLLs of binary images; compare each model instead with the NLL of "
                + "the true distribution on the same examples"
                + (Double.isFinite(trueNll) ? String.format(" (%.3g nats, the floor in the reference column)", trueNll)
                        : "") + ".";
    }

    /** Seconds per 100 samples at each image side, for every model in the catalogue that samples. */
    private Map<String, List<SamplingScaling.Point>> scaling() {
        Map<String, List<SamplingScaling.Point>> out = new LinkedHashMap<>();
        if (scalingSides != null) {
            scalingSides.removeIf(Objects::isNull);
        }
        if (scalingSides == null || scalingSides.isEmpty()) {
            return out;
        }
        int[] sides = scalingSides.stream().mapToInt(Integer::intValue).toArray();
        try (ai.djl.ndarray.NDManager root = ai.djl.ndarray.NDManager.newBaseManager()) {
            for (Zoo.Entry<?> e : Zoo.all()) {
                if (Sampler.class.isAssignableFrom(e.type())) {
                    System.err.println("== sampling cost of " + e.name() + " at sides " + scalingSides);
                    out.put(e.name(), SamplingScaling.measure(e.name(), SamplingScaling.smallConfig(e.name()), sides,
                            100, 3, root));
                }
            }
        }
        return out;
    }
}
