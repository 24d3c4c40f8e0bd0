package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.Dataset;
import org.genzoo.data.View;

/**
 * The one training loop, for every family. It knows no model: it shuffles, batches, presents
 * the data as the model asks ({@link Input}), calls {@link GenerativeModel#trainStep}, watches
 * for divergence, validates with whatever score the model's capabilities allow, stops early, and
 * checkpoints at every epoch boundary.
 *
 * <p>Divergence, for every model: a loss part that is NaN or infinite, parameters that are not
 * finite at the end of an epoch (so no checkpoint ever holds them), or a validation score that is
 * not finite or that exceeds the reference by more than {@value #EXPLODED_NATS_PER_VALUE} nats per
 * data value. The reference is the better of the best validation score so far and the loss of
 * this invocation's first step (the model before any update, in the same unit for the models
 * that have a score). Ten nats per value is a density e^-10 ≈ 5·10^-5 times smaller in every
 * coordinate: no training that is still learning loses that much in one epoch, and a diverged
 * one loses far more (MADE on binary-synthetic at lr = 10^9 scored 8.6·10^8 nats for 16 values).
 * Training then stops with a {@link TrainingDivergedException} whose message says which
 * checkpoint, if any, is kept.
 *
 * <p>Reproducibility: the engine's generator is reseeded and the shuffle derived from
 * (seed, epoch) at the start of every epoch, so a run resumed from the checkpoint of epoch e
 * draws the same numbers as one that never stopped.
 */
public final class Trainer {
    /** File names inside a run directory. */
    public static final String CHECKPOINT = "checkpoint.bin";
    /** The parameters to use: best by validation, or the last when there is no validation. */
    public static final String PARAMS = "model.params";
    /** One row per logged step. */
    public static final String LOG = "log.csv";

    /** A validation score this many nats per data value above the reference means divergence. */
    public static final double EXPLODED_NATS_PER_VALUE = 10;

    private final List<TrainListener> listeners;
    private final Function<GenerativeModel, ValidationScore> validation;

    /**
     * @param listeners observers of progress, in order
     * @param validation the validation score of a model, or null for none (for every model of
     *     genzoo: {@code org.genzoo.eval.Estimators::validation}, which chooses it from the
     *     model's capabilities)
     */
    public Trainer(List<TrainListener> listeners, Function<GenerativeModel, ValidationScore> validation) {
        this.listeners = List.copyOf(listeners);
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    /**
     * Trains {@code model} on {@code data}.
     *
     * @param runDir where the checkpoint and parameters go; null trains in memory only
     * @param resume continue from {@code runDir}'s checkpoint when there is one
     */
    public TrainResult train(GenerativeModel model, Dataset data, TrainConfig cfg, Path runDir, boolean resume) {
        if (!model.data().equals(data.spec())) {
            throw new UserError("--data: the model was built for " + model.data() + ", the data is " + data.spec());
        }
        ValidationScore validator = validation.apply(model);
        NDManager root = model.params().manager();
        try (OptimizerSet opt = new OptimizerSet(model.params(), model.parameterGroups(),
                        model.optimizerSpecs(cfg.optimizer()), cfg.optimizer());
                NDManager dataManager = root.newSubManager()) {
            Checkpoint.State state = new Checkpoint.State(0, 0, Double.NaN, 0, 0, 0, 0, cfg.seed(), data.sha256());
            Path ckpt = runDir == null ? null : runDir.resolve(CHECKPOINT);
            if (resume && ckpt != null && Files.isRegularFile(ckpt)) {
                state = Checkpoint.read(ckpt, model.params(), opt);
                if (!state.dataSha256().equals(data.sha256())) {
                    throw new UserError(ckpt + ": was trained on other data (hash " + state.dataSha256()
                            + "), not on '" + data.name() + "'");
                }
            }
            View trainView = model.input().trainingView(data.spec().kind());
            NDArray train = data.train().toNDArray(dataManager);
            View validView = model.input().evaluationView(data.spec().kind());
            NDArray valid = validator == null ? null
                    : validView.prepare(data.valid(), View.splitSeed(cfg.seed(), "valid")).toNDArray(dataManager);
            int n = data.train().size();
            if (n < cfg.batchSize()) {
                throw new UserError("batch: " + cfg.batchSize() + " is more than the " + n
                        + " training examples of '" + data.name() + "'; use --set batch=N with a smaller N");
            }
            int stepsPerEpoch = Math.max(1, n / cfg.batchSize()); // the last partial batch is dropped
            if (cfg.maxBatches() > 0) {
                stepsPerEpoch = Math.min(stepsPerEpoch, cfg.maxBatches());
            }
            for (TrainListener l : listeners) {
                l.onStart(model, state.epoch(), cfg.epochs(), stepsPerEpoch);
            }
            boolean stoppedEarly = cfg.patience() > 0 && state.badEpochs() >= cfg.patience();
            double firstLoss = Double.NaN;
            long[] perm = new long[n];
            while (state.epoch() < cfg.epochs() && !stoppedEarly) {
                int epoch = state.epoch() + 1;
                Seeds.seedEngine(cfg.seed(), "epoch", epoch);
                opt.setLearningRateScale(Math.pow(cfg.lrDecay(), epoch - 1)); // a function of the epoch: resumes exactly
                shuffle(perm, new Random(Seeds.derive(cfg.seed(), "shuffle", epoch)));
                long step = state.step();
                long t0 = System.nanoTime();
                for (int b = 0; b < stepsPerEpoch; b++) {
                    LossParts parts;
                    // Every array of the step lives in this manager and is freed when it closes.
                    try (NDManager sm = root.newSubManager()) {
                        long[] idx = new long[cfg.batchSize()];
                        System.arraycopy(perm, b * cfg.batchSize(), idx, 0, idx.length);
                        NDArray batch = train.get(sm.create(idx));
                        batch.attach(sm); // indexing puts the result in the data's manager
                        NDArray x = trainView.apply(batch);
                        parts = model.trainStep(x, opt, sm);
                    }
                    step++;
                    if (parts.hasNonFinite()) {
                        throw diverged("at epoch " + epoch + ", step " + step + " the loss is " + parts.asMap(), state,
                                ckpt);
                    }
                    if (Double.isNaN(firstLoss)) {
                        firstLoss = parts.loss();
                    }
                    if (step % cfg.logEvery() == 0 || b == stepsPerEpoch - 1) {
                        double rate = (b + 1) * (double) cfg.batchSize() / ((System.nanoTime() - t0) / 1e9);
                        for (TrainListener l : listeners) {
                            l.onStep(epoch, step, parts, rate);
                        }
                    }
                }
                double seconds = state.seconds() + (System.nanoTime() - t0) / 1e9;
                long examples = state.examples() + (long) stepsPerEpoch * cfg.batchSize();
                double score = Double.NaN;
                boolean best = false;
                int bestEpoch = state.bestEpoch();
                double bestValid = state.bestValid();
                int bad = state.badEpochs();
                if (validator != null) {
                    score = validator.score(valid, validView, root);
                    double reference = Double.isNaN(bestValid) ? firstLoss : Math.min(bestValid, firstLoss);
                    double bound = reference + EXPLODED_NATS_PER_VALUE * data.spec().dim();
                    if (!Double.isFinite(score) || score > bound) {
                        throw diverged(String.format("at epoch %d the validation %s is %s%s", epoch, validator.name(),
                                score, Double.isFinite(score) ? String.format(" (more than %.4g: %.4g + %.0f nats per "
                                        + "value for %d values)", bound, reference, EXPLODED_NATS_PER_VALUE,
                                        data.spec().dim()) : ""), state, ckpt);
                    }
                    best = Double.isNaN(bestValid) || score < bestValid;
                    if (best) {
                        bestValid = score;
                        bestEpoch = epoch;
                        bad = 0;
                    } else {
                        bad++;
                    }
                } else {
                    best = true; // no validation score: the latest parameters are the ones to keep
                    bestEpoch = epoch;
                }
                String broken = nonFinite(model.params(), root);
                if (broken != null) {
                    throw diverged("at the end of epoch " + epoch + " the parameter '" + broken + "' is not finite",
                            state, ckpt);
                }
                state = new Checkpoint.State(epoch, step, bestValid, bestEpoch, bad, seconds, examples, cfg.seed(),
                        data.sha256());
                if (runDir != null) {
                    if (best) {
                        Checkpoint.writeParams(runDir.resolve(PARAMS), model.params());
                    }
                    Checkpoint.write(ckpt, state, model.params(), opt);
                }
                for (TrainListener l : listeners) {
                    l.onEpochEnd(epoch, step, score, best);
                }
                stoppedEarly = cfg.patience() > 0 && bad >= cfg.patience();
            }
            for (TrainListener l : listeners) {
                l.onEnd();
            }
            double rate = state.seconds() > 0 ? state.examples() / state.seconds() : 0;
            return new TrainResult(state.epoch(), state.step(),
                    Double.isNaN(state.bestValid()) ? null : state.bestValid(), state.bestEpoch(), state.seconds(),
                    rate, stoppedEarly, validator == null ? "none" : validator.name());
        }
    }

    /**
     * The divergence error, saying truthfully what is kept: the checkpoint of the last completed
     * epoch when there is one (and the best parameters in {@value #PARAMS}), else that nothing can
     * be resumed.
     */
    private static TrainingDivergedException diverged(String what, Checkpoint.State last, Path ckpt) {
        String kept;
        if (ckpt == null) {
            kept = "nothing was saved (training in memory)";
        } else if (last.epoch() > 0) {
            kept = "the last good checkpoint (epoch " + last.epoch() + ") is kept in " + ckpt + " and the best "
                    + "parameters (epoch " + last.bestEpoch() + ") in " + ckpt.resolveSibling(PARAMS)
                    + "; resume with a smaller learning rate: --resume --set lr=...";
        } else {
            kept = "no checkpoint was written (it diverged in its first epoch), so " + ckpt.getParent()
                    + " holds nothing to resume; train again with a smaller learning rate: --set lr=...";
        }
        return new TrainingDivergedException("training diverged: " + what + "; " + kept);
    }

    /** The name of the first parameter holding a NaN or an infinity, or null when all are finite. */
    private static String nonFinite(Params params, NDManager root) {
        // the temporaries of the check are freed with this manager
        try (NDManager sm = root.newSubManager()) {
            for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                NDArray nan = e.getValue().isNaN();
                nan.attach(sm); // results land in the parameter's manager; move them to the temporary one
                NDArray inf = e.getValue().isInfinite();
                inf.attach(sm);
                if (nan.logicalOr(inf).any().getBoolean()) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /** Fisher-Yates with a given generator; {@code perm} is refilled with 0..n-1 first. */
    private static void shuffle(long[] perm, Random rnd) {
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }
}
