package org.genzoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.Checkpoint;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Json;
import org.genzoo.core.MeanSampler;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.RunLock;
import org.genzoo.core.RunSpec;
import org.genzoo.core.Sampler;
import org.genzoo.core.Seeds;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.TrainListener;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.UserError;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.eval.Estimators;
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
    public static final List<String> TRAIN_KEYS = List.of("batch", "lr", "optimizer", "beta1", "beta2", "patience",
            "log_every", "lr_decay");

    private Runs() {}

    /** The build's version and commit, read once from the resource Maven filters at build time. */
    private static final String VERSION = readVersion();

    /**
     * The version and commit of this genzoo, as recorded in runs: the pom's version, then the git
     * commit it was built from when the build could see one, e.g. {@code 0.1.0-SNAPSHOT (commit
     * 1a2b3c4)}, with {@code -modified} after the commit when the tree had uncommitted changes. Both come from {@code org/genzoo/version.properties}, which Maven fills in at
     * build time; "dev" only when the classes were not built by Maven.
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Runs.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unreadable resource: fall through to "dev"
        }
        String v = p.getProperty("version", "");
        if (v.isEmpty() || v.startsWith("${")) {
            return "dev";
        }
        String commit = p.getProperty("commit", "");
        // an unfilled placeholder means the build saw no git repository (a source tarball)
        return commit.isEmpty() || commit.startsWith("${") ? v : v + " (commit " + commit + ")";
    }

    /**
     * What to train.
     *
     * @param model registered model name
     * @param sets {@code --set key=value} overrides of the model's or the trainer's settings
     * @param epochs epochs, or null for the model's default (or, when resuming, the run's)
     * @param seed the run's seed, or null for 0 (or, when resuming, the run's own)
     * @param maxBatches at most this many steps per epoch (0: all), or null for 0 (or, when
     *     resuming, the run's)
     */
    public record Request(String model, Map<String, String> sets, Integer epochs, Long seed, Integer maxBatches) {}

    /** Resolves a request into a run spec: defaults for the data, then the overrides. */
    public static RunSpec spec(Request req, Dataset data) {
        Zoo.Entry<?> entry = Zoo.get(req.model());
        DataSpec ds = data.spec();
        Map<String, String> modelSets = new LinkedHashMap<>();
        Map<String, String> trainSets = new LinkedHashMap<>();
        split(req.sets(), modelSets, trainSets);
        Record cfg = overrideRecord(entry, entry.defaults().apply(ds), modelSets);
        TrainConfig t = entry.training().apply(ds);
        t = applyTrainSets(t, trainSets);
        if (req.epochs() != null) {
            t = t.withEpochs(req.epochs());
        }
        t = t.withSeed(req.seed() == null ? 0 : req.seed())
                .withMaxBatches(req.maxBatches() == null ? 0 : req.maxBatches());
        return new RunSpec(entry.name(), Json.tree(cfg), t, data.name(), ds, data.sha256(), version());
    }

    private static void split(Map<String, String> sets, Map<String, String> modelSets, Map<String, String> trainSets) {
        for (Map.Entry<String, String> e : sets.entrySet()) {
            (TRAIN_KEYS.contains(e.getKey()) ? trainSets : modelSets).put(e.getKey(), e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> Record overrideRecord(Zoo.Entry<C> entry, Record defaults,
            Map<String, String> sets) {
        return Json.override((C) defaults, entry.configType(), sets, entry.name(), TRAIN_KEYS);
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
     * A run directory made ready for training, before anything but its lock is written: the
     * output path checked, the directory locked against other writers, stale temporary files of
     * killed writes removed, and the settings resolved (for a resume, against the stored ones).
     * Closing it releases the lock and, when this invocation created the directory and nothing
     * was written into it, removes the directory again.
     *
     * @param spec the settings to train with
     * @param dir the run directory
     * @param changes the training settings changed by this resume (empty for a new run or an
     *     unchanged resume)
     * @param startEpoch epochs already completed (the checkpoint's), 0 for a new run
     * @param lock this invocation's hold on the directory
     * @param created whether this invocation created the directory
     */
    public record Prepared(RunSpec spec, Path dir, Map<String, RunSpec.Change> changes, int startEpoch,
            RunLock lock, boolean created) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
            deleteIfUnused(dir, created); // a start that failed leaves nothing behind
        }
    }

    /**
     * Prepares {@code dir} for the run a request describes. With {@code resume} and a stored
     * run, the stored settings hold and the request may change only training settings (batch,
     * lr, lr_decay, beta1, beta2, patience, log_every, epochs, max batches), which then apply
     * from the next epoch on; a changed model setting, optimiser kind, seed or data is a
     * {@link UserError} naming it. Nothing is written but the lock.
     */
    public static Prepared prepare(Request req, Dataset data, Path dir, boolean resume) {
        return prepare(dir, resume, data, () -> spec(req, data), old -> resumedSpec(old, req, data));
    }

    /**
     * {@link #prepare(Request, Dataset, Path, boolean)} for a spec whose every setting counts as
     * given: on a resume, any difference from the stored model settings or seed is an error and
     * any difference in training settings is applied.
     */
    public static Prepared prepare(RunSpec spec, Dataset data, Path dir, boolean resume) {
        return prepare(dir, resume, data, () -> spec, old -> {
            checkResumable(old, spec.model(), data);
            return merge(old, spec.modelConfig(), spec.train().seed(), spec.train());
        });
    }

    private static Prepared prepare(Path dir, boolean resume, Dataset data, Supplier<RunSpec> fresh,
            Function<RunSpec, RunSpec> resumed) {
        boolean created = createOutput(dir);
        RunLock lock;
        try {
            lock = RunLock.acquire(dir);
        } catch (RuntimeException e) {
            deleteIfUnused(dir, created);
            throw e;
        }
        try {
            Path configFile = dir.resolve(CONFIG);
            Path ckpt = dir.resolve(Trainer.CHECKPOINT);
            RunSpec spec;
            Map<String, RunSpec.Change> changes = Map.of();
            int startEpoch = 0;
            if (resume && Files.isRegularFile(configFile)) {
                RunSpec old = Json.read(configFile, RunSpec.class);
                if (Files.isRegularFile(ckpt)) {
                    Checkpoint.State st = Checkpoint.readState(ckpt);
                    startEpoch = st.epoch();
                }
                RunSpec merged = resumed.apply(old);
                changes = diff(old.train(), merged.train());
                if (!changes.isEmpty()) {
                    List<RunSpec.Resumption> r = new ArrayList<>(old.resumed());
                    r.add(new RunSpec.Resumption(startEpoch + 1, changes));
                    merged = new RunSpec(merged.model(), merged.modelConfig(), merged.train(), merged.data(),
                            merged.dataSpec(), merged.dataSha256(), merged.genzoo(), r);
                }
                spec = merged;
            } else if (!resume && Files.isRegularFile(ckpt)) {
                throw new UserError("--out: " + dir + " already holds a run; pass --resume to continue it or choose "
                        + "another folder");
            } else {
                spec = fresh.get();
            }
            removeStaleTemporaries(dir);
            return new Prepared(spec, dir, changes, startEpoch, lock, created);
        } catch (RuntimeException e) {
            lock.close();
            deleteIfUnused(dir, created);
            throw e;
        }
    }

    /** The stored run with the request's changes: only training settings may differ. */
    private static RunSpec resumedSpec(RunSpec old, Request req, Dataset data) {
        checkResumable(old, req.model(), data);
        Zoo.Entry<?> entry = Zoo.get(old.model());
        Map<String, String> modelSets = new LinkedHashMap<>();
        Map<String, String> trainSets = new LinkedHashMap<>();
        split(req.sets(), modelSets, trainSets);
        Record oldCfg = Json.fromTree(old.modelConfig(), entry.configType(), CONFIG);
        ObjectNode cfg = Json.tree(overrideRecord(entry, oldCfg, modelSets));
        TrainConfig t = applyTrainSets(old.train(), trainSets);
        if (req.epochs() != null) {
            t = t.withEpochs(req.epochs());
        }
        if (req.maxBatches() != null) {
            t = t.withMaxBatches(req.maxBatches());
        }
        return merge(old, cfg, req.seed() == null ? old.train().seed() : req.seed(), t);
    }

    private static void checkResumable(RunSpec old, String model, Dataset data) {
        if (!old.model().equals(Zoo.get(model).name())) {
            throw new UserError("--resume: the run holds a '" + old.model() + "' model, not '" + model + "'");
        }
        if (!old.dataSha256().equals(data.sha256())) {
            throw new UserError("--data: the run was trained on '" + old.data() + "' (hash "
                    + old.dataSha256().substring(0, 12) + "…), not on '" + data.name() + "' (hash "
                    + data.sha256().substring(0, 12) + "…); --resume needs the same data");
        }
    }

    /** {@code old} with training settings {@code t}, refusing a change of model, seed or optimiser kind. */
    private static RunSpec merge(RunSpec old, ObjectNode modelConfig, long seed, TrainConfig t) {
        Class<? extends Record> type = Zoo.get(old.model()).configType();
        // both through the record, so that 3 and 3.0, or a missing default, compare equal
        ObjectNode was = Json.tree(Json.fromTree(old.modelConfig(), type, CONFIG));
        ObjectNode now = Json.tree(Json.fromTree(modelConfig, type, "--set"));
        Iterator<String> keys = was.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!was.get(k).equals(now.get(k))) {
                throw new UserError("--set " + k + ": a model setting cannot change when resuming (the run has "
                        + was.get(k) + ", asked " + now.get(k) + "); train a new run into another --out");
            }
        }
        if (seed != old.train().seed()) {
            throw new UserError("--seed: the run was trained with seed " + old.train().seed() + ", which --resume "
                    + "keeps; leave --seed out or train a new run into another --out");
        }
        if (!t.optimizer().kind().equals(old.train().optimizer().kind())) {
            throw new UserError("--set optimizer: cannot change from " + old.train().optimizer().kind() + " to "
                    + t.optimizer().kind() + " when resuming: the checkpoint holds the state of "
                    + old.train().optimizer().kind());
        }
        return new RunSpec(old.model(), old.modelConfig(), t.withSeed(old.train().seed()), old.data(),
                old.dataSpec(), old.dataSha256(), old.genzoo(), old.resumed());
    }

    /** The training settings that differ, by name, with their old and new values. */
    private static Map<String, RunSpec.Change> diff(TrainConfig a, TrainConfig b) {
        Map<String, String> x = a.settings();
        Map<String, String> y = b.settings();
        Map<String, RunSpec.Change> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : x.entrySet()) {
            if (!e.getValue().equals(y.get(e.getKey()))) {
                out.put(e.getKey(), new RunSpec.Change(e.getValue(), y.get(e.getKey())));
            }
        }
        return out;
    }

    /**
     * Checks {@code --out} before any work and creates it when missing.
     *
     * @return whether this call created the directory
     */
    private static boolean createOutput(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--out " + dir + ": is a file, not a directory; choose a folder for the run");
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UserError("--out " + dir + ": " + existing + " is a file, not a directory");
        }
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) {
                throw new UserError("--out " + dir + ": the directory is not writable");
            }
            return false;
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
    }

    /** Removes a directory this invocation created when it holds nothing but the (released) lock file. */
    private static void deleteIfUnused(Path dir, boolean created) {
        if (!created) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.allMatch(f -> f.getFileName().toString().equals(RunLock.FILE))) {
                Files.deleteIfExists(dir.resolve(RunLock.FILE));
                Files.delete(dir);
            }
        } catch (IOException e) {
            // best effort: an empty folder is harmless
        }
    }

    /**
     * Deletes the temporary files ({@code .NAME.NNN.tmp}, see {@link AtomicFiles}) that a kill
     * during a write leaves; safe because the caller holds the directory's lock.
     */
    private static void removeStaleTemporaries(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot clean stale temporary files: " + e.getMessage(), e);
        }
    }

    /**
     * Trains into {@code dir}: prepares it ({@link #prepare(RunSpec, Dataset, Path, boolean)}),
     * trains with checkpoints, then writes metrics.json and samples.png.
     */
    public static TrainResult train(RunSpec spec, Dataset data, Path dir, boolean resume, List<TrainListener> listeners) {
        try (Prepared p = prepare(spec, data, dir, resume)) {
            return train(p, data, listeners);
        }
    }

    /**
     * Trains a prepared run. {@code config.json} is written when training starts (after the
     * checkpoint, the data and the batch size have been checked), so a run that fails to start
     * leaves the stored configuration as it was.
     */
    public static TrainResult train(Prepared prepared, Dataset data, List<TrainListener> listeners) {
        RunSpec spec = prepared.spec();
        Path dir = prepared.dir();
        List<TrainListener> all = new ArrayList<>();
        all.add(new TrainListener() {
            @Override
            public void onStart(GenerativeModel model, int epoch, int epochs, int stepsPerEpoch) {
                Json.writeAtomic(dir.resolve(CONFIG), spec);
            }
        });
        all.addAll(listeners);
        try (NDManager root = NDManager.newBaseManager(); GenerativeModel model = build(spec, root)) {
            TrainResult r = new Trainer(all, Estimators::validation).train(model, data, spec.train(), dir, true);
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
