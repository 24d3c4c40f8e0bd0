package org.genzoo.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.genzoo.core.optim.OptimizerSpec;

/**
 * How to train, whatever the model. What each setting means, and the flag or {@code --set} key
 * that changes it, is in its {@link Setting}, which {@code genzoo list MODEL} prints.
 *
 * @param optimizer optimiser settings (a model may adjust them per parameter group); its own
 *     fields carry their meanings
 */
public record TrainConfig(
        @Setting(key = "--epochs", value = "passes over the training split") int epochs,
        @Setting(key = "batch", value = "examples per step") int batchSize,
        OptimizerSpec optimizer,
        @Setting(key = "--seed", value = "the one seed of the run: initialisation, shuffling, noise") long seed,
        @Setting("stop after this many epochs without a better validation score (0: never)") int patience,
        @Setting(key = "--max-batches", value = "at most this many steps per epoch (0: all); for smoke runs")
        int maxBatches,
        @Setting(key = "log_every", value = "write a row of log.csv every this many steps") int logEvery,
        @Setting(key = "lr_decay", value = "the learning rate of epoch e is lr · lr_decay^(e-1) (1: constant)")
        double lrDecay) {

    /** Validates every field, naming its flag. */
    public TrainConfig {
        if (epochs < 1) {
            throw new UserError("--epochs: expected a positive whole number, got " + epochs);
        }
        if (batchSize < 1) {
            throw new UserError("batch: expected a positive whole number, got " + batchSize);
        }
        if (optimizer == null) {
            throw new UserError("optimizer: missing");
        }
        if (patience < 0) {
            throw new UserError("patience: expected 0 or more, got " + patience);
        }
        if (maxBatches < 0) {
            throw new UserError("--max-batches: expected 0 or more, got " + maxBatches);
        }
        if (logEvery < 1) {
            throw new UserError("log_every: expected a positive whole number, got " + logEvery);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new UserError("lr_decay: expected a number in (0, 1], got " + lrDecay);
        }
    }

    /** Settings with a constant learning rate. */
    public TrainConfig(int epochs, int batchSize, OptimizerSpec optimizer, long seed, int patience, int maxBatches,
            int logEvery) {
        this(epochs, batchSize, optimizer, seed, patience, maxBatches, logEvery, 1.0);
    }

    /** A copy with another number of epochs. */
    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, optimizer, seed, patience, maxBatches, logEvery, lrDecay);
    }

    /** A copy with another seed. */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, optimizer, s, patience, maxBatches, logEvery, lrDecay);
    }

    /** A copy with a cap on steps per epoch. */
    public TrainConfig withMaxBatches(int m) {
        return new TrainConfig(epochs, batchSize, optimizer, seed, patience, m, logEvery, lrDecay);
    }

    /**
     * The settings by the names {@code --set} gives them (and {@code epochs}, {@code max_batches}),
     * as text, so two configurations can be compared and a change reported. The seed is left out:
     * it defines the run rather than how it is trained.
     */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batchSize));
        m.put("optimizer", optimizer.kind());
        m.put("lr", Double.toString(optimizer.lr()));
        m.put("beta1", Double.toString(optimizer.beta1()));
        m.put("beta2", Double.toString(optimizer.beta2()));
        m.put("lr_decay", Double.toString(lrDecay));
        m.put("patience", Integer.toString(patience));
        m.put("log_every", Integer.toString(logEvery));
        m.put("max_batches", Integer.toString(maxBatches));
        return m;
    }
}
