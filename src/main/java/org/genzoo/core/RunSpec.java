package org.genzoo.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.genzoo.data.DataSpec;

/**
 * What a run directory's {@code config.json} holds: enough to rebuild the model and to say
 * where its numbers came from.
 *
 * @param model the registered model name
 * @param modelConfig the model's hyperparameter record as JSON
 * @param train the training settings
 * @param data the data set's name (a built-in name or a path)
 * @param dataSpec the shape and kind of one example
 * @param dataSha256 hash of the data's values
 * @param genzoo version and commit of the genzoo that trained it
 */
public record RunSpec(String model, ObjectNode modelConfig, TrainConfig train, String data, DataSpec dataSpec,
        String dataSha256, String genzoo) {}
