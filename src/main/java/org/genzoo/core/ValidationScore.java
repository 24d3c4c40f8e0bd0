package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import org.genzoo.data.View;

/**
 * The validation score the trainer watches for early stopping and the best parameters: a
 * per-example figure in nats, lower is better (the exact NLL, or the negative ELBO). Which one a
 * model gets is the evaluator's registry's choice ({@code org.genzoo.eval.Estimators#validation}),
 * made from the model's capabilities in that one place; models with none (GANs) have no score and
 * train for the epochs asked.
 */
public interface ValidationScore {
    /** Rows per batch when a split is scored. */
    int BATCH = 500;

    /** A model without a score. */
    Function<GenerativeModel, ValidationScore> NONE = m -> null;

    /** What it is, for logs: for example {@code NLL (exact)}. */
    String name();

    /**
     * @param x an {@code (n, dim)} batch as the model sees it
     * @return {@code (n,)} values to average, in nats, lower is better
     */
    NDArray perExample(NDArray x);

    /** The mean over all rows of {@code x}, in batches. */
    default double score(NDArray x, View view, NDManager root) {
        double sum = 0;
        for (float v : Batches.perRow(x, view, BATCH, root, this::perExample, k -> { })) {
            sum += v;
        }
        return sum / x.getShape().get(0);
    }
}
