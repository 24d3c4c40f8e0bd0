package org.genzoo.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.genzoo.data.DataSpec;

/**
 * What a run directory's {@code config.json} holds: enough to rebuild the model and to say
 * where its numbers came from.
 *
 * @param model the registered model name
 * @param modelConfig the model's hyperparameter record as JSON
 * @param train the training settings in effect now (after any change made on resuming)
 * @param data the data set's name (a built-in name or a path)
 * @param dataSpec the shape and kind of one example
 * @param dataSha256 hash of the data's values
 * @param genzoo version and commit of the genzoo that trained it
 * @param resumed the training settings changed on resuming, in order (empty when none were)
 */
public record RunSpec(String model, ObjectNode modelConfig, TrainConfig train, String data, DataSpec dataSpec,
        String dataSha256, String genzoo, List<Resumption> resumed) {

    /** A config.json written before {@code resumed} existed reads as an empty list. */
    public RunSpec {
        resumed = resumed == null ? List.of() : List.copyOf(resumed);
    }

    /** A run whose settings never changed. */
    public RunSpec(String model, ObjectNode modelConfig, TrainConfig train, String data, DataSpec dataSpec,
            String dataSha256, String genzoo) {
        this(model, modelConfig, train, data, dataSpec, dataSha256, genzoo, List.of());
    }

    /**
     * Training settings changed when a run was resumed.
     *
     * @param epoch the first epoch trained with the new values
     * @param changed each changed setting (as {@code --set} names it, or {@code epochs}) with its old
     *     and new value
     */
    public record Resumption(int epoch, Map<String, Change> changed) {}

    /**
     * One changed setting.
     *
     * @param from the value before
     * @param to the value from {@link Resumption#epoch} on
     */
    public record Change(String from, String to) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }
}
