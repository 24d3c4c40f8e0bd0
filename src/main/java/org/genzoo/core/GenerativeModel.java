package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataSpec;

/**
 * A generative model that the one trainer can train. What else it can do is said by the
 * capability interfaces it implements: {@link Sampler}, {@link ExactDensity},
 * {@link LowerBound}, {@link Energy}. The evaluator picks its estimators from them.
 */
public interface GenerativeModel extends AutoCloseable {

    /** The name it is registered under (for example {@code vae}). */
    String kind();

    /** Its leaf of the taxonomy. */
    Leaf leaf();

    /** The data it was built for. */
    DataSpec data();

    /** Its hyperparameters: an immutable record, round-tripped through JSON. */
    Record config();

    /** Its parameters. */
    Params params();

    /** How it wants to see the data. */
    Input input();

    /**
     * Named parameter groups, each stepped by its own optimiser. The default is one group,
     * {@code model}, holding every parameter.
     */
    default Map<String, List<String>> parameterGroups() {
        return Map.of("model", params().names());
    }

    /**
     * The optimiser settings per group, given the run's settings. The default uses the run's
     * settings for every group; a model may override (a GAN's β1 = 0.5, say).
     */
    default Map<String, OptimizerSpec> optimizerSpecs(OptimizerSpec run) {
        return Map.of();
    }

    /**
     * One training step on a batch: forward, backward and optimiser updates.
     *
     * @param x an {@code (b, dim)} batch already presented as {@link #input()} asks
     * @param optimizers one optimiser per group of {@link #parameterGroups()}
     * @param scratch the step's manager; temporaries go there and are freed after the step
     * @return the step's loss parts as batch means
     */
    LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch);

    /** Frees the parameters' native memory. */
    @Override
    void close();
}
