package org.genzoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.core.Checkpoint;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Json;
import org.genzoo.core.MeanSampler;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.RunSpec;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.TrainListener;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.UserError;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.DataSpec;
import org.genzoo.report.Pictures;

/**
 * Run directories: train a registered model into one, and open one again to sample or score.
 * A run directory holds {@code config.json}, {@code model.params}, {@code checkpoint.bin},
 * {@code metrics.json}, {@code log.csv} and {@code samples.png}.
 */
public final class Runs {
    /** The run's configuration. */
    public static final String CONFIG = "config.json";
    /** Training and evaluation figures. */
    public static final String METRICS = "metrics.json";
    /** A picture of samples. */
    public static final String SAMPLES = "samples.png";
    /** Training settings that {@code --set} may change besides the model's own. */
    private static final List<String> TRAIN_KEYS = List.of("batch", "lr", "optimizer", "beta1", "beta2", "patience",
            "log_every", "lr_decay");

    private Runs() {}

    /** The version and commit of this genzoo, as recorded in runs. */
    public static String version() {
        String v = Runs.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * What to train.
     *
     * @param model registered model name
     * @param sets {@code --set key=value} overrides of the model's or the trainer's settings
     * @param epochs epochs, or null for the model's default
     * @param seed the run's seed
     * @param maxBatches at most this many steps per epoch (0: all)
     */
    public record Request(String model, Map<String, String> sets, Integer epochs, long seed, int maxBatches) {}

    /** Resolves a request into a run spec: defaults for the data, then the overrides. */
    public static RunSpec spec(Request req, Dataset data) {
        Zoo.Entry<?> entry = Zoo.get(req.model());
        DataSpec ds = data.spec();
        Map<String, String> modelSets = new LinkedHashMap<>();
        Map<String, String> trainSets = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : req.sets().entrySet()) {
            (TRAIN_KEYS.contains(e.getKey()) ? trainSets : modelSets).put(e.getKey(), e.getValue());
        }
        Record cfg = overrideRecord(entry, entry.defaults().apply(ds), modelSets);
        TrainConfig t = entry.training().apply(ds);
        t = applyTrainSets(t, trainSets);
        if (req.epochs() != null) {
            t = t.withEpochs(req.epochs());
        }
        t = t.withSeed(req.seed()).withMaxBatches(req.maxBatches());
        return new RunSpec(entry.name(), Json.tree(cfg), t, data.name(), ds, data.sha256(), version());
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> Record overrideRecord(Zoo.Entry<C> entry, Record defaults,
            Map<String, String> sets) {
        return Json.override((C) defaults, entry.configType(), sets, entry.name());
    }

    private static TrainConfig applyTrainSets(TrainConfig t, Map<String, String> sets) {
        if (sets.isEmpty()) {
            return t;
        }
        OptimizerSpec o = t.optimizer();
        try {
            int batch = Integer.parseInt(sets.getOrDefault("batch", "" + t.batchSize()));
            int patience = Integer.parseInt(sets.getOrDefault("patience", "" + t.patience()));
            int logEvery = Integer.parseInt(sets.getOrDefault("log_every", "" + t.logEvery()));
            o = new OptimizerSpec(sets.getOrDefault("optimizer", o.kind()),
                    Double.parseDouble(sets.getOrDefault("lr", "" + o.lr())),
                    Double.parseDouble(sets.getOrDefault("beta1", "" + o.beta1())),
                    Double.parseDouble(sets.getOrDefault("beta2", "" + o.beta2())), o.eps());
            double decay = Double.parseDouble(sets.getOrDefault("lr_decay", "" + t.lrDecay()));
            return new TrainConfig(t.epochs(), batch, o, t.seed(), patience, t.maxBatches(), logEvery, decay);
        } catch (NumberFormatException e) {
            throw new UserError("--set: a training setting (" + String.join(", ", sets.keySet())
                    + ") is not a number: " + e.getMessage());
        }
    }

    /**
     * Trains into {@code dir}: writes config.json, trains with checkpoints, then writes
     * metrics.json and samples.png. With {@code resume} and an existing run, the stored
     * configuration is used (only the number of epochs may grow) and training continues from
     * the checkpoint.
     */
    public static TrainResult train(RunSpec spec, Dataset data, Path dir, boolean resume, List<TrainListener> listeners) {
        Path configFile = dir.resolve(CONFIG);
        if (resume && Files.isRegularFile(configFile)) {
            RunSpec old = Json.read(configFile, RunSpec.class);
            if (!old.model().equals(spec.model())) {
                throw new UserError("--resume: " + dir + " holds a '" + old.model() + "' run, not '" + spec.model() + "'");
            }
            spec = new RunSpec(old.model(), old.modelConfig(), old.train().withEpochs(spec.train().epochs()),
                    old.data(), old.dataSpec(), old.dataSha256(), old.genzoo());
        } else if (!resume && Files.isRegularFile(dir.resolve(Trainer.CHECKPOINT))) {
            throw new UserError("--out: " + dir + " already holds a run; pass --resume to continue it or choose another folder");
        }
        Json.writeAtomic(configFile, spec);
        try (NDManager root = NDManager.newBaseManager(); GenerativeModel model = build(spec, root)) {
            TrainResult r = new Trainer(listeners).train(model, data, spec.train(), dir, resume);
            Checkpoint.readParams(dir.resolve(Trainer.PARAMS), model.params()); // the best, for pictures
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("train", r);
            metrics.put("parameters", model.params().count());
            Json.writeAtomic(dir.resolve(METRICS), metrics);
            if (model instanceof Sampler s) {
                writeSamples(s, model.data(), data, dir.resolve(SAMPLES), spec.train().seed(),
                        model.data().isImage() ? 64 : 2000, root); // a scatter needs many points
            }
            return r;
        }
    }

    /** Builds the model of a spec with fresh parameters (the engine is seeded from the run's seed). */
    public static GenerativeModel build(RunSpec spec, NDManager root) {
        Zoo.Entry<?> entry = Zoo.get(spec.model());
        Record cfg = Json.fromTree(spec.modelConfig(), entry.configType(), CONFIG);
        Seeds.seedEngine(spec.train().seed(), "init", 0);
        return entry.create(cfg, spec.dataSpec(), root);
    }

    /**
     * Why the model of {@code spec} cannot be built for its data (for example an image model on
     * 2-D points), or null when it can.
     */
    public static String unsupported(RunSpec spec) {
        try (NDManager root = NDManager.newBaseManager(); GenerativeModel m = build(spec, root)) {
            return null;
        } catch (UserError e) {
            return e.getMessage();
        }
    }

    /** A trained run opened for sampling or scoring; closing it frees the model. */
    public record Opened(RunSpec spec, GenerativeModel model, NDManager root) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
            root.close();
        }
    }

    /** Opens a trained run directory. */
    public static Opened open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such run directory");
        }
        RunSpec spec = Json.read(dir.resolve(CONFIG), RunSpec.class);
        NDManager root = NDManager.newBaseManager();
        try {
            GenerativeModel model = build(spec, root);
            Checkpoint.readParams(dir.resolve(Trainer.PARAMS), model.params());
            return new Opened(spec, model, root);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Draws {@code n} samples and writes a picture: an image grid for image data, a scatter plot
     * (with the true modes marked, when known) for 2-D data.
     *
     * @return the samples as rows
     */
    public static float[][] writeSamples(Sampler s, DataSpec spec, Dataset data, Path png, long seed, int n,
            NDManager root) {
        float[][] rows = draw(s, spec.dim(), n, seed, root);
        Pictures.samples(png, spec, rows, data == null ? null : data.mixture().orElse(null),
                (s instanceof GenerativeModel g ? g.kind() : "samples") + (data == null ? "" : " on " + data.name()));
        return rows;
    }

    /**
     * Rows drawn after one seeding of the engine: a draw of up to this many rows is one call of
     * the sampler, so its samples do not depend on the memory budget (unless the budget cannot
     * hold a block; see {@link #draw(Sampler, int, int, long, boolean, MemoryBudget, NDManager, RowSink)}).
     */
    public static final int SAMPLE_BLOCK = 10_000;

    /** Receives drawn samples chunk by chunk, in order. */
    @FunctionalInterface
    public interface RowSink {
        /** The next {@code count} rows, row-major in {@code flat}. */
        void accept(float[] flat, int count) throws IOException;
    }

    /** Draws {@code n} samples of {@code dim} values with the engine seeded from {@code seed}. */
    public static float[][] draw(Sampler s, int dim, int n, long seed, NDManager root) {
        float[][] rows = new float[n][dim];
        int[] at = {0};
        try {
            draw(s, dim, n, seed, false, MemoryBudget.DEFAULT, root, (flat, count) -> {
                for (int i = 0; i < count; i++) {
                    System.arraycopy(flat, i * dim, rows[at[0]++], 0, dim);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above does no I/O
        }
        return rows;
    }

    /**
     * Draws {@code n} samples of {@code dim} values and hands them to {@code sink} in chunks, so
     * that any number of samples takes memory for one chunk only. Rows come in blocks of
     * {@link #SAMPLE_BLOCK}; block {@code b} is drawn after seeding the engine with
     * {@code (seed, "samples", b)}, so the samples are a function of the seed alone whenever the
     * budget holds a block (for every model here at the default budget; the first block is
     * seeded exactly as a one-call draw). A block that does not fit the budget is drawn in
     * smaller chunks from the same seeding, which gives other samples.
     *
     * @param means the decoder's means instead of samples (the sampler must be a {@link MeanSampler})
     * @param memory engine working memory one chunk may use
     */
    public static void draw(Sampler s, int dim, int n, long seed, boolean means, MemoryBudget memory,
            NDManager root, RowSink sink) throws IOException {
        if (means && !(s instanceof MeanSampler)) {
            throw new IllegalArgumentException("means need a MeanSampler");
        }
        int chunk = memory.fit(s.sampleBytesPerRow(dim), SAMPLE_BLOCK);
        for (int block = 0; (long) block * SAMPLE_BLOCK < n; block++) {
            Seeds.seedEngine(seed, "samples", block);
            int blockRows = (int) Math.min(SAMPLE_BLOCK, n - (long) block * SAMPLE_BLOCK);
            for (int done = 0; done < blockRows; done += chunk) {
                int c = Math.min(chunk, blockRows - done);
                float[] flat;
                try (NDManager sm = root.newSubManager()) { // the chunk's arrays are freed here
                    flat = (means ? ((MeanSampler) s).sampleMeans(sm, c) : s.sample(sm, c)).toFloatArray();
                }
                sink.accept(flat, c);
            }
        }
    }
}
